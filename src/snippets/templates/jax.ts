import { pythonDocstring } from '../docText';
import type { FrameworkTemplates, TemplateSlots } from '../types';
import { CHECK_GAMMA, CHECK_THRESHOLD } from './pythonChecks';

const LOG_MIX = `    if gamma == 0.0:
        log_mix = log_p
    elif gamma == 1.0:
        log_mix = jnp.zeros_like(log_p)
    else:
        log_mix = jnp.logaddexp(log_p + math.log1p(-gamma), math.log(gamma))
    weight = jax.lax.stop_gradient(jnp.maximum(jnp.exp(log_p - log_mix), threshold))`;

const JIT_NOTE = (names: string) => [
  `${names} must be Python floats: under jax.jit mark them static,`,
  `e.g. jax.jit(loss_fn, static_argnames=(${names.split(' and ').map((n) => `"${n}"`).join(', ')})).`,
];

function closed(s: TemplateSlots): string {
  return `def gamma_ce_loss(logits, labels, gamma=${s.gamma}):
${pythonDocstring({
  form: 'closed',
  params: [
    ['logits', '[N, C] float array of unnormalised scores.'],
    ['labels', '[N] integer array of class indices.'],
    ['gamma', 'γ in [0, 1].'],
  ],
  returns: 'The mean loss, a scalar array.',
  notes: JIT_NOTE('gamma'),
})}
${CHECK_GAMMA}
    log_probs = jax.nn.log_softmax(logits, axis=-1)
    log_p = jnp.take_along_axis(log_probs, labels[..., None], axis=-1)[..., 0]
    if gamma == 0.0:
        return -log_p.mean()
    if gamma == 1.0:
        return -jnp.expm1(log_p).mean()
    # log(γ + (1 - γ)·p) in log space: finite for any logits, precise for γ near 0 or 1.
    log_mix = jnp.logaddexp(log_p + math.log1p(-gamma), math.log(gamma))
    return -(log_mix / (1.0 - gamma)).mean()`;
}

function tailr(s: TemplateSlots): string {
  return `def tailr_loss(logits, labels, gamma=${s.gamma}, threshold=${s.threshold}):
${pythonDocstring({
  form: 'tailr',
  params: [
    ['logits', '[N, C] float array of unnormalised scores.'],
    ['labels', '[N] integer array of class indices.'],
    ['gamma', 'γ in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
  ],
  returns: 'The mean loss, a scalar array.',
  notes: JIT_NOTE('gamma and threshold'),
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
    log_probs = jax.nn.log_softmax(logits, axis=-1)
    log_p = jnp.take_along_axis(log_probs, labels[..., None], axis=-1)[..., 0]
${LOG_MIX}
    return -(weight * log_p).mean()`;
}

function sequence(s: TemplateSlots): string {
  return `def tailr_sequence_loss(logits, labels, gamma=${s.gamma}, threshold=${s.threshold}, ignore_index=-100):
${pythonDocstring({
  form: 'sequence',
  params: [
    ['logits', '[B, T, V] float array of unnormalised scores.'],
    ['labels', '[B, T] integer array of token ids, ignore_index at padding.'],
    ['gamma', 'γ in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
    ['ignore_index', 'the label of positions to leave out.'],
  ],
  returns: 'The mean loss over the real tokens, a scalar array (0 if there are none).',
  notes: [...JIT_NOTE('gamma and threshold'), 'Half-precision logits are upcast: the weight depends on small probabilities.'],
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
    if logits.dtype in (jnp.float16, jnp.bfloat16):
        logits = logits.astype(jnp.float32)
    mask = labels != ignore_index
    targets = jnp.where(mask, labels, 0)
    log_probs = jax.nn.log_softmax(logits, axis=-1)
    log_p = jnp.take_along_axis(log_probs, targets[..., None], axis=-1)[..., 0]
${LOG_MIX}
    token_loss = jnp.where(mask, -(weight * log_p), 0.0)
    return token_loss.sum() / jnp.maximum(mask.sum(), 1)`;
}

export const jax: FrameworkTemplates = {
  id: 'jax',
  label: 'JAX',
  prefixSuffix: 'jax',
  languages: ['python'],
  indentWidth: 4,
  pythonImports: [
    { statement: 'import math', name: 'math', module: 'math' },
    { statement: 'import jax', name: 'jax', module: 'jax' },
    { statement: 'import jax.numpy as jnp', name: 'jnp', module: 'jax.numpy' },
  ],
  functionNames: { closed: 'gamma_ce_loss', tailr: 'tailr_loss', sequence: 'tailr_sequence_loss' },
  forms: { closed, tailr, sequence },
};
