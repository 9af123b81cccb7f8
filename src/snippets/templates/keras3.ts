// A Keras 3 loss class written with keras.ops only, so it runs on every Keras 3 backend.
import type { IntegrationTemplate, TemplateSlots } from '../types';
import { CHECK_GAMMA, indent } from './pythonChecks';

function body(s: TemplateSlots): string {
  return `@keras.saving.register_keras_serializable(package="gamma_ce")
class GammaCE(keras.losses.Loss):
    """gamma-cross-entropy as a Keras 3 loss, with TaiLr as an option; any backend (keras.ops).

        threshold=None:  L = -log(gamma + (1 - gamma)·p_y) / (1 - gamma)
        threshold=b:     L = -w·log p_y,   w = stop_grad(max(b, p_y / (gamma + (1 - gamma)·p_y)))

    model.compile(optimizer="adam", loss=GammaCE(gamma=0.1), metrics=["accuracy"])

    y_true: integer class indices, shaped like y_pred without its last axis (or with a last axis
    of 1); y_pred: logits (from_logits=True) or probabilities (from_logits=False) over the last
    axis. gamma = 0 is cross-entropy (keras.losses.SparseCategoricalCrossentropy); gamma → 1
    gives 1 - p_y. ignore_class: a label that counts for nothing (e.g. -100 for padding); with the
    default reduction the mean is over the other labels.

    Accurate to the precision of the inputs (float32 too) for every gamma, tiny losses included:
    where p is near 1, log(gamma + (1 - gamma)·p) = log1p(-(1 - gamma)·(1 - p)) with 1 - p summed
    over the other classes; the log-space form elsewhere.

    Reference: H. Ji, P. Ke, Z. Hu, R. Zhang, M. Huang, "Tailoring Language Generation Models
    under Total Variation Distance", ICLR 2023 (TaiLr), arXiv:2302.13344.
    """

    def __init__(
        self,
        gamma=${s.gamma},
        threshold=${s.threshold},
        from_logits=True,
        ignore_class=None,
        reduction="sum_over_batch_size",
        name="gamma_ce",
        **kwargs,
    ):
        super().__init__(name=name, reduction=reduction, **kwargs)
${indent(CHECK_GAMMA, 4)}
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be None or in [0, 1], got {threshold}")
        self.gamma = float(gamma)
        self.threshold = None if threshold is None else float(threshold)
        self.from_logits = from_logits
        self.ignore_class = ignore_class

    def call(self, y_true, y_pred):
        y_pred = ops.convert_to_tensor(y_pred)
        labels = ops.reshape(ops.cast(y_true, "int32"), ops.shape(y_pred)[:-1])
        if self.ignore_class is not None:
            mask = ops.not_equal(labels, self.ignore_class)
            labels = ops.where(mask, labels, ops.zeros_like(labels))
        if self.from_logits:
            log_probs = ops.log_softmax(y_pred, axis=-1)
        else:
            probs = y_pred / ops.sum(y_pred, axis=-1, keepdims=True)
            log_probs = ops.log(ops.clip(probs, 1e-30, 1.0))
        onehot = ops.one_hot(labels, y_pred.shape[-1], dtype=log_probs.dtype)
        # log p_y and q = 1 - p_y: where p_y rounds to 1, from the other classes' probabilities.
        others = ops.sum(ops.exp(log_probs) * (1.0 - onehot), axis=-1)
        high = others < 0.5
        # The inner where keeps the gradient of the branch not taken finite (0 * inf would be NaN).
        safe = ops.where(high, others, ops.zeros_like(others))
        picked = ops.sum(log_probs * onehot, axis=-1)
        log_p = ops.where(high, ops.log1p(-safe), picked)
        q = ops.where(high, others, 1.0 - ops.exp(log_p))
        gamma = self.gamma
        if gamma == 0.0:
            log_mix = log_p
        elif gamma == 1.0:
            log_mix = ops.zeros_like(log_p)
        else:
            # log1p(-x) where x = 1 - (gamma + (1 - gamma)·p) < 1/2, else the log-space form.
            x = (1.0 - gamma) * q
            near = x < 0.5
            far = ops.logaddexp(log_p + math.log1p(-gamma), ops.zeros_like(log_p) + math.log(gamma))
            log_mix = ops.where(near, ops.log1p(-ops.where(near, x, ops.zeros_like(x))), far)
        if self.threshold is not None:
            weight = ops.stop_gradient(ops.maximum(ops.exp(log_p - log_mix), self.threshold))
            loss = -(weight * log_p)
        elif gamma == 1.0:
            loss = q
        else:
            loss = -log_mix / (1.0 - gamma)
        if self.ignore_class is not None:
            loss = ops.where(mask, loss, ops.zeros_like(loss))
            if self.reduction in ("sum_over_batch_size", "mean"):
                # Keras divides the sum by the number of entries: scaled, it is over the real ones.
                valid = ops.sum(ops.cast(mask, loss.dtype))
                loss = loss * (ops.sum(ops.ones_like(loss)) / ops.maximum(valid, 1.0))
        return loss

    def get_config(self):
        config = super().get_config()
        config.update(
            gamma=self.gamma,
            threshold=self.threshold,
            from_logits=self.from_logits,
            ignore_class=self.ignore_class,
        )
        return config`;
}

export const keras3: IntegrationTemplate = {
  id: 'keras3',
  framework: 'keras',
  label: 'Keras 3 loss class (any backend)',
  detail: 'GammaCE(keras.losses.Loss) with keras.ops: model.compile(loss=GammaCE(gamma=0.1)), from_logits',
  snippetName: 'GammaCE loss class (Keras 3)',
  prefixes: ['gammace-keras3', 'gammace-keras-loss'],
  pythonImports: [
    { statement: 'import math', name: 'math', module: 'math' },
    { statement: 'import keras', name: 'keras', module: 'keras' },
    { statement: 'from keras import ops', name: 'ops', module: 'keras.ops' },
  ],
  definedName: 'GammaCE',
  body,
};
