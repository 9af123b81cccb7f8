// An optax-style JAX loss: per-example values like optax.softmax_cross_entropy_with_integer_labels,
// without Python branches on gamma, so that gamma may be traced (jit, vmap, grad over it).
import type { IntegrationTemplate, TemplateSlots } from '../types';

function body(s: TemplateSlots): string {
  return `def gamma_ce_loss(logits, labels, gamma=${s.gamma}, threshold=${s.threshold}, *, ignore_index=-100, where=None):
    """gamma-cross-entropy per example, in the style of
    optax.softmax_cross_entropy_with_integer_labels, with TaiLr as an option:

        threshold=None:  L = -log(gamma + (1 - gamma)·p_y) / (1 - gamma)
        threshold=b:     L = -w·log p_y,   w = stop_grad(max(b, p_y / (gamma + (1 - gamma)·p_y)))

    p = softmax(logits) over the last axis. gamma = 0 is cross-entropy; gamma → 1 gives 1 - p_y.
    jit- and vmap-safe: gamma and threshold may be traced arrays (only threshold=None is
    structural).

    Args:
        logits: [..., C] float array of unnormalised scores.
        labels: [...] integer array of class indices; ignore_index marks positions to leave out.
        gamma: in [0, 1].
        threshold: None, or the floor b in [0, 1] of the TaiLr weight.
        ignore_index: labels equal to it get the loss 0.
        where: optional boolean mask broadcastable to logits: the classes to include (as in
            optax); the others get probability 0.

    Returns:
        The loss per example, shaped like labels. The mean over the real labels is
        loss.sum() / jnp.maximum((labels != ignore_index).sum(), 1).

    Accurate to the precision of the logits (float32 too) for every gamma, tiny losses included:
    where p is near 1, log(gamma + (1 - gamma)·p) = log1p(-(1 - gamma)·(1 - p)) with 1 - p summed
    over the other classes; the log-space form elsewhere.

    Reference: H. Ji, P. Ke, Z. Hu, R. Zhang, M. Huang, "Tailoring Language Generation Models
    under Total Variation Distance", ICLR 2023 (TaiLr), arXiv:2302.13344.
    """
    if isinstance(gamma, (int, float)) and not 0.0 <= gamma <= 1.0:
        raise ValueError(f"gamma must be in [0, 1], got {gamma}")
    if isinstance(threshold, (int, float)) and not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be None or in [0, 1], got {threshold}")
    if where is not None:
        logits = jnp.where(where, logits, -jnp.inf)
    valid = labels != ignore_index
    labels = jnp.where(valid, labels, 0)
    log_probs = jax.nn.log_softmax(logits, axis=-1)
    # log p_y and q = 1 - p_y: where p_y rounds to 1, from the other classes' probabilities.
    onehot = jnp.arange(logits.shape[-1]) == labels[..., None]
    others = jnp.where(onehot, 0.0, jnp.exp(log_probs)).sum(axis=-1)
    high = others < 0.5
    # The inner where keeps the gradient of the branch not taken finite (0 * inf would be NaN).
    safe = jnp.where(high, others, 0.0)
    picked = jnp.take_along_axis(log_probs, labels[..., None], axis=-1)[..., 0]
    log_p = jnp.where(high, jnp.log1p(-safe), picked)
    q = jnp.where(high, others, 1.0 - jnp.exp(log_p))
    # log(gamma + (1 - gamma)·p_y): log1p(-x) where x = (1 - gamma)·q < 1/2, the log-space form
    # elsewhere. gamma = 0 and 1 need no branch: log(0) = -inf and log1p(-1) = -inf drop out.
    gamma = jnp.asarray(gamma, log_p.dtype)
    x = (1.0 - gamma) * q
    near = x < 0.5
    far = jnp.logaddexp(log_p + jnp.log1p(-gamma), jnp.log(gamma))
    log_mix = jnp.where(near, jnp.log1p(-jnp.where(near, x, 0.0)), far)
    if threshold is None:
        one = gamma == 1.0
        loss = jnp.where(one, q, -log_mix / jnp.where(one, 1.0, 1.0 - gamma))
    else:
        weight = jax.lax.stop_gradient(jnp.maximum(jnp.exp(log_p - log_mix), threshold))
        loss = -(weight * log_p)
    return jnp.where(valid, loss, 0.0)`;
}

export const optax: IntegrationTemplate = {
  id: 'optax',
  framework: 'jax',
  label: 'optax-style loss (jit- and vmap-safe)',
  detail: 'gamma_ce_loss(logits, labels, gamma) per example, like optax.softmax_cross_entropy_with_integer_labels',
  snippetName: 'γ-CE optax-style loss (JAX)',
  prefixes: ['gammace-optax'],
  pythonImports: [
    { statement: 'import jax', name: 'jax', module: 'jax' },
    { statement: 'import jax.numpy as jnp', name: 'jnp', module: 'jax.numpy' },
  ],
  definedName: 'gamma_ce_loss',
  body,
};
