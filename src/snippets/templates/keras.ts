import { pythonDocstring } from '../docText';
import type { FrameworkTemplates, TemplateSlots } from '../types';
import { CHECK_GAMMA, CHECK_THRESHOLD } from './pythonChecks';

const LOG_MIX = `    if gamma == 0.0:
        log_mix = log_p
    elif gamma == 1.0:
        log_mix = tf.zeros_like(log_p)
    else:
        log_mix = tf.reduce_logsumexp(
            tf.stack([log_p + math.log1p(-gamma), tf.zeros_like(log_p) + math.log(gamma)]), axis=0)
    weight = tf.stop_gradient(tf.maximum(tf.exp(log_p - log_mix), threshold))`;

// -sparse_softmax_cross_entropy_with_logits is log_softmax(logits)[label], fused and stable.
const LOG_P = `    labels = tf.cast(tf.reshape(labels, tf.shape(logits)[:-1]), tf.int32)
    log_p = -tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)`;

const KERAS_NOTE = [
  'Keras calls a loss as loss(y_true, y_pred), hence labels first; the model must output',
  'logits (no softmax). Pass γ with functools.partial or a lambda in model.compile(loss=...).',
];

function closed(s: TemplateSlots): string {
  return `def gamma_ce_loss(labels, logits, gamma=${s.gamma}):
${pythonDocstring({
  form: 'closed',
  params: [
    ['labels', '[N] (or [N, 1]) integer class indices.'],
    ['logits', '[N, C] float tensor of unnormalised scores.'],
    ['gamma', 'γ in [0, 1].'],
  ],
  returns: 'The mean loss, a scalar tensor.',
  notes: KERAS_NOTE,
})}
${CHECK_GAMMA}
${LOG_P}
    if gamma == 0.0:
        return tf.reduce_mean(-log_p)
    if gamma == 1.0:
        return tf.reduce_mean(-tf.math.expm1(log_p))
    # log(γ + (1 - γ)·p) in log space: finite for any logits, precise for γ near 0 or 1.
    log_mix = tf.reduce_logsumexp(
        tf.stack([log_p + math.log1p(-gamma), tf.zeros_like(log_p) + math.log(gamma)]), axis=0)
    return tf.reduce_mean(-log_mix / (1.0 - gamma))`;
}

function tailr(s: TemplateSlots): string {
  return `def tailr_loss(labels, logits, gamma=${s.gamma}, threshold=${s.threshold}):
${pythonDocstring({
  form: 'tailr',
  params: [
    ['labels', '[N] (or [N, 1]) integer class indices.'],
    ['logits', '[N, C] float tensor of unnormalised scores.'],
    ['gamma', 'γ in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
  ],
  returns: 'The mean loss, a scalar tensor.',
  notes: KERAS_NOTE,
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
${LOG_P}
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
    ['gamma', 'γ in [0, 1].'],
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
    log_p = -tf.nn.sparse_softmax_cross_entropy_with_logits(labels=targets, logits=logits)
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
