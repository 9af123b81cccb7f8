import { pythonDocstring } from '../docText';
import type { FrameworkTemplates, TemplateSlots } from '../types';
import { CHECK_GAMMA, CHECK_THRESHOLD, indent } from './pythonChecks';

// log p_y and q = 1 - p_y to the logits' precision: where p_y rounds to 1, log p_y is
// log1p(-others) and q is others, 1 - p_y summed over the other classes (elsewhere 1 - p_y itself:
// the gradient of expm1 is taken as expm1 + 1, which would lose the digits of a small p_y).
const logPAndQ = (index: string) => `    log_probs = jax.nn.log_softmax(logits, axis=-1)
    onehot = jnp.arange(logits.shape[-1]) == ${index}[..., None]
    others = jnp.where(onehot, 0.0, jnp.exp(log_probs)).sum(axis=-1)
    high = others < 0.5
    # The inner where keeps the gradient of the branch not taken finite (0 * inf would be NaN).
    safe = jnp.where(high, others, 0.0)
    picked = jnp.take_along_axis(log_probs, ${index}[..., None], axis=-1)[..., 0]
    log_p = jnp.where(high, jnp.log1p(-safe), picked)
    q = jnp.where(high, others, 1.0 - jnp.exp(log_p))`;

// log(gamma + (1 - gamma)·p_y) for 0 < gamma < 1, unindented.
const LOG_MIX_BETWEEN = `# Where x = 1 - (gamma + (1 - gamma)·p_y) < 1/2, log1p(-x): the log-space form loses most
# digits of a mixture that close to 1 in float32 (gamma near 1). That form elsewhere.
x = (1.0 - gamma) * q
near = x < 0.5
far = jnp.logaddexp(log_p + math.log1p(-gamma), math.log(gamma))
log_mix = jnp.where(near, jnp.log1p(-jnp.where(near, x, 0.0)), far)`;

const LOG_MIX = `    if gamma == 0.0:
        log_mix = log_p
    elif gamma == 1.0:
        log_mix = jnp.zeros_like(log_p)
    else:
${indent(LOG_MIX_BETWEEN, 8)}
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
    ['gamma', 'in [0, 1].'],
  ],
  returns: 'The mean loss, a scalar array.',
  notes: JIT_NOTE('gamma'),
})}
${CHECK_GAMMA}
${logPAndQ('labels')}
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
    ['logits', '[N, C] float array of unnormalised scores.'],
    ['labels', '[N] integer array of class indices.'],
    ['gamma', 'in [0, 1].'],
    ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
  ],
  returns: 'The mean loss, a scalar array.',
  notes: JIT_NOTE('gamma and threshold'),
})}
${CHECK_GAMMA}
${CHECK_THRESHOLD}
${logPAndQ('labels')}
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
    ['gamma', 'in [0, 1].'],
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
${logPAndQ('targets')}
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
