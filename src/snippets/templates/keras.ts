import { pythonDocstring } from '../docText';
import type { FrameworkTemplates, TemplateSlots } from '../types';
import { CHECK_GAMMA, CHECK_THRESHOLD, indent } from './pythonChecks';

// log p_y and q = 1 - p_y to the logits' precision: where p_y rounds to 1, log p_y is
// log1p(-others) and q is others, 1 - p_y summed over the other classes (elsewhere 1 - p_y itself).
const logPAndQ = (index: string) => `    log_probs = tf.nn.log_softmax(logits)
    onehot = tf.one_hot(${index}, tf.shape(logits)[-1], dtype=log_probs.dtype)
    others = tf.reduce_sum(tf.exp(log_probs) * (1.0 - onehot), axis=-1)
    high = others < 0.5
    # The inner where keeps the gradient of the branch not taken finite (0 * inf would be NaN).
    safe = tf.where(high, others, tf.zeros_like(others))
    picked = tf.reduce_sum(log_probs * onehot, axis=-1)
    log_p = tf.where(high, tf.math.log1p(-safe), picked)
    q = tf.where(high, others, 1.0 - tf.exp(log_p))`;

// log(gamma + (1 - gamma)·p_y) for 0 < gamma < 1, unindented.
const LOG_MIX_BETWEEN = `# Where x = 1 - (gamma + (1 - gamma)·p_y) < 1/2, log1p(-x): the log-space form loses most
# digits of a mixture that close to 1 in float32 (gamma near 1). That form elsewhere.
x = (1.0 - gamma) * q
near = x < 0.5
far = tf.reduce_logsumexp(
    tf.stack([log_p + math.log1p(-gamma), tf.zeros_like(log_p) + math.log(gamma)]), axis=0)
log_mix = tf.where(near, tf.math.log1p(-tf.where(near, x, tf.zeros_like(x))), far)`;

const LOG_MIX = `    if gamma == 0.0:
        log_mix = log_p
    elif gamma == 1.0:
        log_mix = tf.zeros_like(log_p)
    else:
${indent(LOG_MIX_BETWEEN, 8)}
    weight = tf.stop_gradient(tf.maximum(tf.exp(log_p - log_mix), threshold))`;

const LABELS = `    labels = tf.cast(tf.reshape(labels, tf.shape(logits)[:-1]), tf.int32)`;

const KERAS_NOTE = [
  'Keras calls a loss as loss(y_true, y_pred), hence labels first; the model must output',
  'logits (no softmax). Pass gamma with functools.partial or a lambda in model.compile(loss=...).',
];

function closed(s: TemplateSlots): string {
  return `def gamma_ce_loss(labels, logits, gamma=${s.gamma}):
${pythonDocstring({
  form: 'closed',
  params: [
    ['labels', '[N] (or [N, 1]) integer class indices.'],
    ['logits', '[N, C] float tensor of unnormalised scores.'],
    ['gamma', 'in [0, 1].'],
  ],
  returns: 'The mean loss, a scalar tensor.',
  notes: KERAS_NOTE,
})}
${CHECK_GAMMA}
${LABELS}
${logPAndQ('labels')}
    if gamma == 0.0:
        return tf.reduce_mean(-log_p)
    if gamma == 1.0:
        return tf.reduce_mean(q)
${indent(LOG_MIX_BETWEEN, 4)}
    return tf.reduce_mean(-log_mix / (1.0 - gamma))`;
}

function tailr(s: TemplateSlots): string {
  return `def tailr_loss(labels, logits, gamma=${s.gamma}, threshold=${s.threshold}):
${pythonDocstring({
  form: 'tailr',
  params: [
    ['labels', '[N] (or [N, 1]) integer class indices.'],
    ['logits', '[N, C] float tensor of unnormalised scores.'],
    ['gamma', 'in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
  ],
  returns: 'The mean loss, a scalar tensor.',
  notes: KERAS_NOTE,
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
${LABELS}
${logPAndQ('labels')}
${LOG_MIX}
    return tf.reduce_mean(-(weight * log_p))`;
}

function sequence(s: TemplateSlots): string {
  return `def tailr_sequence_loss(labels, logits, gamma=${s.gamma}, threshold=${s.threshold}, ignore_index=-100):
${pythonDocstring({
  form: 'sequence',
  params: [
    ['labels', '[B, T] integer token ids, ignore_index at padding.'],
    ['logits', '[B, T, V] float tensor of unnormalised scores.'],
    ['gamma', 'in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
    ['ignore_index', 'the label of positions to leave out.'],
  ],
  returns: 'The mean loss over the real tokens, a scalar tensor (0 if there are none).',
  notes: [...KERAS_NOTE, 'Half-precision logits are upcast: the weight depends on small probabilities.'],
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
    if logits.dtype in (tf.float16, tf.bfloat16):
        logits = tf.cast(logits, tf.float32)
    labels = tf.cast(labels, tf.int32)
    mask = tf.not_equal(labels, ignore_index)
    targets = tf.where(mask, labels, tf.zeros_like(labels))
${logPAndQ('targets')}
${LOG_MIX}
    token_loss = tf.where(mask, -(weight * log_p), tf.zeros_like(log_p))
    return tf.reduce_sum(token_loss) / tf.maximum(tf.reduce_sum(tf.cast(mask, log_p.dtype)), 1.0)`;
}

export const keras: FrameworkTemplates = {
  id: 'keras',
  label: 'TensorFlow/Keras',
  prefixSuffix: 'tf',
  languages: ['python'],
  indentWidth: 4,
  pythonImports: [
    { statement: 'import math', name: 'math', module: 'math' },
    { statement: 'import tensorflow as tf', name: 'tf', module: 'tensorflow' },
  ],
  functionNames: { closed: 'gamma_ce_loss', tailr: 'tailr_loss', sequence: 'tailr_sequence_loss' },
  forms: { closed, tailr, sequence },
};
