import { pythonDocstring } from '../docText';
import type { FrameworkTemplates, TemplateSlots } from '../types';
import { CHECK_GAMMA, CHECK_THRESHOLD } from './pythonChecks';

// NumPy has no autograd, so each function also returns the gradient with respect to the logits:
// w·(softmax - onehot) per example, divided by the count the mean is over.

const LOG_SOFTMAX = `    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))`;

const LOG_MIX = `    if gamma == 0.0:
        log_mix = log_p
    elif gamma == 1.0:
        log_mix = np.zeros_like(log_p)
    else:
        log_mix = np.logaddexp(log_p + np.log1p(-gamma), np.log(gamma))
    weight = np.maximum(np.exp(log_p - log_mix), threshold)`;

const RETURNS_TAILR = '(loss, grad): the mean loss and d loss / d logits, the weight held constant (stop-gradient).';

function closed(s: TemplateSlots): string {
  return `def gamma_ce_loss(logits, labels, gamma=${s.gamma}):
${pythonDocstring({
  form: 'closed',
  params: [
    ['logits', '[N, C] array of unnormalised scores.'],
    ['labels', '[N] integer array of class indices.'],
    ['gamma', 'γ in [0, 1].'],
  ],
  returns: '(loss, grad): the mean loss and its gradient d loss / d logits, shaped like logits.',
})}
${CHECK_GAMMA}
    logits, labels = np.asarray(logits), np.asarray(labels)
${LOG_SOFTMAX}
    log_p = np.take_along_axis(log_probs, labels[..., None], axis=-1)[..., 0]
    if gamma == 0.0:
        loss, weight = -log_p.mean(), np.ones_like(log_p)
    elif gamma == 1.0:
        loss, weight = -np.expm1(log_p).mean(), np.exp(log_p)
    else:
        # log(γ + (1 - γ)·p) in log space: finite for any logits, precise for γ near 0 or 1.
        log_mix = np.logaddexp(log_p + np.log1p(-gamma), np.log(gamma))
        loss, weight = -(log_mix / (1.0 - gamma)).mean(), np.exp(log_p - log_mix)
    onehot = np.arange(logits.shape[-1]) == labels[..., None]
    grad = (np.exp(log_probs) - onehot) * (weight / log_p.size)[..., None]
    return loss, grad`;
}

function tailr(s: TemplateSlots): string {
  return `def tailr_loss(logits, labels, gamma=${s.gamma}, threshold=${s.threshold}):
${pythonDocstring({
  form: 'tailr',
  params: [
    ['logits', '[N, C] array of unnormalised scores.'],
    ['labels', '[N] integer array of class indices.'],
    ['gamma', 'γ in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
  ],
  returns: RETURNS_TAILR,
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
    logits, labels = np.asarray(logits), np.asarray(labels)
${LOG_SOFTMAX}
    log_p = np.take_along_axis(log_probs, labels[..., None], axis=-1)[..., 0]
${LOG_MIX}
    loss = -(weight * log_p).mean()
    onehot = np.arange(logits.shape[-1]) == labels[..., None]
    grad = (np.exp(log_probs) - onehot) * (weight / log_p.size)[..., None]
    return loss, grad`;
}

function sequence(s: TemplateSlots): string {
  return `def tailr_sequence_loss(logits, labels, gamma=${s.gamma}, threshold=${s.threshold}, ignore_index=-100):
${pythonDocstring({
  form: 'sequence',
  params: [
    ['logits', '[B, T, V] array of unnormalised scores.'],
    ['labels', '[B, T] integer array of token ids, ignore_index at padding.'],
    ['gamma', 'γ in [0, 1].'],
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
    log_p = np.take_along_axis(log_probs, targets[..., None], axis=-1)[..., 0]
${LOG_MIX}
    count = max(int(mask.sum()), 1)
    loss = np.where(mask, -(weight * log_p), 0.0).sum() / count
    onehot = np.arange(logits.shape[-1]) == targets[..., None]
    grad = (np.exp(log_probs) - onehot) * np.where(mask, weight / count, 0.0)[..., None]
    return loss, grad`;
}

export const numpy: FrameworkTemplates = {
  id: 'numpy',
  label: 'NumPy',
  prefixSuffix: 'np',
  languages: ['python'],
  indentWidth: 4,
  pythonImports: [{ statement: 'import numpy as np', name: 'np', module: 'numpy' }],
  functionNames: { closed: 'gamma_ce_loss', tailr: 'tailr_loss', sequence: 'tailr_sequence_loss' },
  forms: { closed, tailr, sequence },
};
