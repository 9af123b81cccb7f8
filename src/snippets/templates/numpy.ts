import { pythonDocstring } from '../docText';
import type { FrameworkTemplates, TemplateSlots } from '../types';
import { CHECK_GAMMA, CHECK_THRESHOLD, indent } from './pythonChecks';

// NumPy has no autograd, so each function also returns the gradient with respect to the logits:
// w·(softmax - onehot) per example, divided by the count the mean is over.

const LOG_SOFTMAX = `    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    probs = np.exp(log_probs)`;

// log p_y and q = 1 - p_y to the logits' precision: where p_y rounds to 1, log p_y is
// log1p(-others) and q is others, 1 - p_y summed over the other classes. The scalars come from
// math, not np, so float32 logits give float32 results (NumPy 2 upcasts to a float64 scalar).
const logPAndQ = (index: string) => `    onehot = np.arange(logits.shape[-1]) == ${index}[..., None]
    others = np.where(onehot, 0.0, probs).sum(axis=-1)
    high = others < 0.5
    # The inner where keeps log1p off -1 in the branch not taken.
    picked = np.take_along_axis(log_probs, ${index}[..., None], axis=-1)[..., 0]
    log_p = np.where(high, np.log1p(-np.where(high, others, 0.0)), picked)
    q = np.where(high, others, 1.0 - np.exp(log_p))`;

// log(gamma + (1 - gamma)·p_y) for 0 < gamma < 1, unindented.
const LOG_MIX_BETWEEN = `# Where x = 1 - (gamma + (1 - gamma)·p_y) < 1/2, log1p(-x): the log-space form loses most
# digits of a mixture that close to 1 in float32 (gamma near 1). That form elsewhere.
x = (1.0 - gamma) * q
near = x < 0.5
far = np.logaddexp(log_p + math.log1p(-gamma), math.log(gamma))
log_mix = np.where(near, np.log1p(-np.where(near, x, 0.0)), far)`;

const LOG_MIX = `    if gamma == 0.0:
        log_mix = log_p
    elif gamma == 1.0:
        log_mix = np.zeros_like(log_p)
    else:
${indent(LOG_MIX_BETWEEN, 8)}
    weight = np.maximum(np.exp(log_p - log_mix), threshold)`;

// d loss / d logits = weight·(softmax - onehot) per example, with -q, exact, at the label.
const gradient = (scale: string) => `    grad = np.where(onehot, -q[..., None], probs) * (${scale})[..., None]
    return loss, grad`;

const RETURNS_TAILR = '(loss, grad): the mean loss and d loss / d logits, the weight held constant (stop-gradient).';

function closed(s: TemplateSlots): string {
  return `def gamma_ce_loss(logits, labels, gamma=${s.gamma}):
${pythonDocstring({
  form: 'closed',
  params: [
    ['logits', '[N, C] array of unnormalised scores.'],
    ['labels', '[N] integer array of class indices.'],
    ['gamma', 'in [0, 1].'],
  ],
  returns: '(loss, grad): the mean loss and its gradient d loss / d logits, shaped like logits.',
})}
${CHECK_GAMMA}
    logits, labels = np.asarray(logits), np.asarray(labels)
${LOG_SOFTMAX}
${logPAndQ('labels')}
    if gamma == 0.0:
        loss, weight = -log_p.mean(), np.ones_like(log_p)
    elif gamma == 1.0:
        loss, weight = q.mean(), np.exp(log_p)
    else:
${indent(LOG_MIX_BETWEEN, 8)}
        loss, weight = -(log_mix / (1.0 - gamma)).mean(), np.exp(log_p - log_mix)
${gradient('weight / log_p.size')}`;
}

function tailr(s: TemplateSlots): string {
  return `def tailr_loss(logits, labels, gamma=${s.gamma}, threshold=${s.threshold}):
${pythonDocstring({
  form: 'tailr',
  params: [
    ['logits', '[N, C] array of unnormalised scores.'],
    ['labels', '[N] integer array of class indices.'],
    ['gamma', 'in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
  ],
  returns: RETURNS_TAILR,
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
    logits, labels = np.asarray(logits), np.asarray(labels)
${LOG_SOFTMAX}
${logPAndQ('labels')}
${LOG_MIX}
    loss = -(weight * log_p).mean()
${gradient('weight / log_p.size')}`;
}

function sequence(s: TemplateSlots): string {
  return `def tailr_sequence_loss(logits, labels, gamma=${s.gamma}, threshold=${s.threshold}, ignore_index=-100):
${pythonDocstring({
  form: 'sequence',
  params: [
    ['logits', '[B, T, V] array of unnormalised scores.'],
    ['labels', '[B, T] integer array of token ids, ignore_index at padding.'],
    ['gamma', 'in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
    ['ignore_index', 'the label of positions to leave out.'],
  ],
  returns: [RETURNS_TAILR, 'The loss is 0 if there are no real tokens; grad is 0 at padding.'],
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
    logits, labels = np.asarray(logits), np.asarray(labels)
    mask = labels != ignore_index
    targets = np.where(mask, labels, 0)
${LOG_SOFTMAX}
${logPAndQ('targets')}
${LOG_MIX}
    count = max(int(mask.sum()), 1)
    # Divided before the sum: a NumPy scalar divided by an int would be float64.
    loss = (np.where(mask, -(weight * log_p), 0.0) / count).sum()
${gradient('np.where(mask, weight / count, 0.0)')}`;
}

export const numpy: FrameworkTemplates = {
  id: 'numpy',
  label: 'NumPy',
  prefixSuffix: 'np',
  languages: ['python'],
  indentWidth: 4,
  pythonImports: [
    { statement: 'import math', name: 'math', module: 'math' },
    { statement: 'import numpy as np', name: 'np', module: 'numpy' },
  ],
  functionNames: { closed: 'gamma_ce_loss', tailr: 'tailr_loss', sequence: 'tailr_sequence_loss' },
  forms: { closed, tailr, sequence },
};
