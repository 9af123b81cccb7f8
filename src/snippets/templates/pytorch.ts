import { pythonDocstring } from '../docText';
import type { FrameworkTemplates, TemplateSlots } from '../types';
import { CHECK_GAMMA, CHECK_THRESHOLD, indent } from './pythonChecks';

// log p_y and q = 1 - p_y, both to the logits' precision. Where p_y rounds to 1, log_softmax
// rounds log p_y to 0: it is log1p(-others) there, others = 1 - p_y summed over the other classes.
// q is others there and 1 - p_y elsewhere: value and gradient keep their digits on both sides
// (the gradient of expm1 is taken as expm1 + 1, which would lose those of a small p_y).
export const logPAndQ = (index: string) => `    log_probs = F.log_softmax(logits, dim=-1)
    others = log_probs.exp().scatter(-1, ${index}, 0.0).sum(-1)
    high = others < 0.5
    # The inner where keeps the gradient of the branch not taken finite (0 * inf would be NaN).
    safe = torch.where(high, others, torch.zeros_like(others))
    log_p = torch.where(high, torch.log1p(-safe), log_probs.gather(-1, ${index}).squeeze(-1))
    q = torch.where(high, others, 1.0 - log_p.exp())`;

// log(gamma + (1 - gamma)·p_y) for 0 < gamma < 1, unindented.
const LOG_MIX_BETWEEN = `# Where x = 1 - (gamma + (1 - gamma)·p_y) < 1/2, log1p(-x): the log-space form loses most
# digits of a mixture that close to 1 in float32 (gamma near 1). That form elsewhere.
x = (1.0 - gamma) * q
near = x < 0.5
far = torch.logaddexp(log_p + math.log1p(-gamma), log_p.new_tensor(math.log(gamma)))
log_mix = torch.where(near, torch.log1p(-torch.where(near, x, torch.zeros_like(x))), far)`;

// log(gamma + (1 - gamma)·p_y) for the weight of the TaiLr forms, with gamma = 0 and 1 exact.
const LOG_MIX = `    if gamma == 0.0:
        log_mix = log_p
    elif gamma == 1.0:
        log_mix = torch.zeros_like(log_p)
    else:
${indent(LOG_MIX_BETWEEN, 8)}
    weight = torch.exp(log_p - log_mix).clamp_min(threshold).detach()`;

function closed(s: TemplateSlots): string {
  return `def gamma_ce_loss(logits, labels, gamma=${s.gamma}):
${pythonDocstring({
  form: 'closed',
  params: [
    ['logits', '[N, C] float tensor of unnormalised scores.'],
    ['labels', '[N] integer tensor of class indices.'],
    ['gamma', 'in [0, 1].'],
  ],
  returns: 'The mean loss, a scalar tensor.',
})}
${CHECK_GAMMA}
    index = labels.long().unsqueeze(-1)
${logPAndQ('index')}
    if gamma == 0.0:
        return -log_p.mean()
    if gamma == 1.0:
        return q.mean()
${indent(LOG_MIX_BETWEEN, 4)}
    return -(log_mix / (1.0 - gamma)).mean()`;
}

function tailr(s: TemplateSlots): string {
  return `def tailr_loss(logits, labels, gamma=${s.gamma}, threshold=${s.threshold}):
${pythonDocstring({
  form: 'tailr',
  params: [
    ['logits', '[N, C] float tensor of unnormalised scores.'],
    ['labels', '[N] integer tensor of class indices.'],
    ['gamma', 'in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
  ],
  returns: 'The mean loss, a scalar tensor.',
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
    index = labels.long().unsqueeze(-1)
${logPAndQ('index')}
${LOG_MIX}
    return -(weight * log_p).mean()`;
}

function sequence(s: TemplateSlots): string {
  return `def tailr_sequence_loss(logits, labels, gamma=${s.gamma}, threshold=${s.threshold}, ignore_index=-100):
${pythonDocstring({
  form: 'sequence',
  params: [
    ['logits', '[B, T, V] float tensor of unnormalised scores.'],
    ['labels', '[B, T] integer tensor of token ids, ignore_index at padding.'],
    ['gamma', 'in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
    ['ignore_index', 'the label of positions to leave out (-100, as in F.cross_entropy).'],
  ],
  returns: 'The mean loss over the real tokens, a scalar tensor (0 if there are none).',
  notes: ['Half-precision logits are upcast: the weight depends on small probabilities.'],
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
    if logits.dtype in (torch.float16, torch.bfloat16):
        logits = logits.float()
    mask = labels != ignore_index
    targets = labels.masked_fill(~mask, 0).long().unsqueeze(-1)
${logPAndQ('targets')}
${LOG_MIX}
    token_loss = (-(weight * log_p)).masked_fill(~mask, 0.0)
    return token_loss.sum() / mask.sum().clamp_min(1)`;
}

export const pytorch: FrameworkTemplates = {
  id: 'pytorch',
  label: 'PyTorch',
  prefixSuffix: 'torch',
  languages: ['python'],
  indentWidth: 4,
  pythonImports: [
    { statement: 'import math', name: 'math', module: 'math' },
    { statement: 'import torch', name: 'torch', module: 'torch' },
    { statement: 'import torch.nn.functional as F', name: 'F', module: 'torch.nn.functional' },
  ],
  functionNames: { closed: 'gamma_ce_loss', tailr: 'tailr_loss', sequence: 'tailr_sequence_loss' },
  forms: { closed, tailr, sequence },
};
