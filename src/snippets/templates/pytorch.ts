import { pythonDocstring } from '../docText';
import type { FrameworkTemplates, TemplateSlots } from '../types';
import { CHECK_GAMMA, CHECK_THRESHOLD } from './pythonChecks';

// log(γ + (1 - γ)·p) for the weight of the TaiLr forms, with γ = 0 and γ = 1 exact.
const LOG_MIX = `    if gamma == 0.0:
        log_mix = log_p
    elif gamma == 1.0:
        log_mix = torch.zeros_like(log_p)
    else:
        log_mix = torch.logaddexp(log_p + math.log1p(-gamma), log_p.new_tensor(math.log(gamma)))
    weight = torch.exp(log_p - log_mix).clamp_min(threshold).detach()`;

function closed(s: TemplateSlots): string {
  return `def gamma_ce_loss(logits, labels, gamma=${s.gamma}):
${pythonDocstring({
  form: 'closed',
  params: [
    ['logits', '[N, C] float tensor of unnormalised scores.'],
    ['labels', '[N] integer tensor of class indices.'],
    ['gamma', 'γ in [0, 1].'],
  ],
  returns: 'The mean loss, a scalar tensor.',
})}
${CHECK_GAMMA}
    log_p = F.log_softmax(logits, dim=-1).gather(-1, labels.long().unsqueeze(-1)).squeeze(-1)
    if gamma == 0.0:
        return -log_p.mean()
    if gamma == 1.0:
        return -torch.expm1(log_p).mean()
    # log(γ + (1 - γ)·p) in log space: finite for any logits, precise for γ near 0 or 1.
    log_mix = torch.logaddexp(log_p + math.log1p(-gamma), log_p.new_tensor(math.log(gamma)))
    return -(log_mix / (1.0 - gamma)).mean()`;
}

function tailr(s: TemplateSlots): string {
  return `def tailr_loss(logits, labels, gamma=${s.gamma}, threshold=${s.threshold}):
${pythonDocstring({
  form: 'tailr',
  params: [
    ['logits', '[N, C] float tensor of unnormalised scores.'],
    ['labels', '[N] integer tensor of class indices.'],
    ['gamma', 'γ in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
  ],
  returns: 'The mean loss, a scalar tensor.',
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
    log_p = F.log_softmax(logits, dim=-1).gather(-1, labels.long().unsqueeze(-1)).squeeze(-1)
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
    ['gamma', 'γ in [0, 1].'],
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
    log_p = F.log_softmax(logits, dim=-1).gather(-1, targets).squeeze(-1)
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
