// GammaCELoss, an nn.Module used like nn.CrossEntropyLoss; the Hugging Face and Lightning
// integrations start with it too, so that each runs as inserted into an empty file.
import type { IntegrationTemplate, PythonImport, TemplateSlots } from '../types';
import { CHECK_GAMMA, indent } from './pythonChecks';
import { logPAndQ } from './pytorch';

export const TORCH_MODULE_IMPORTS: readonly PythonImport[] = [
  { statement: 'import math', name: 'math', module: 'math' },
  { statement: 'import torch', name: 'torch', module: 'torch' },
  { statement: 'import torch.nn.functional as F', name: 'F', module: 'torch.nn.functional' },
  { statement: 'from torch import nn', name: 'nn', module: 'torch.nn' },
];

const REFERENCE = `    Reference: H. Ji, P. Ke, Z. Hu, R. Zhang, M. Huang, "Tailoring Language Generation Models
    under Total Variation Distance", ICLR 2023 (TaiLr), arXiv:2302.13344.`;

/** The class with γ and b as the constructor's defaults (a snippet's placeholders, or literals). */
export function gammaCeModule(gamma: string, threshold: string): string {
  return `class GammaCELoss(nn.Module):
    """gamma-cross-entropy as a drop-in for nn.CrossEntropyLoss, with TaiLr as an option.

        threshold=None:  L = -log(gamma + (1 - gamma)·p_y) / (1 - gamma)
        threshold=b:     L = -w·log p_y,   w = stop_grad(max(b, p_y / (gamma + (1 - gamma)·p_y)))

    p = softmax(input) over dim 1. gamma = 0 is cross-entropy (with threshold=None or 0, exactly
    nn.CrossEntropyLoss); gamma → 1 gives 1 - p_y. TaiLr (threshold=b) is the paper's objective:
    with b = 0 its gradient is the gamma-cross-entropy's.

    Takes what nn.CrossEntropyLoss takes: input [N, C], [N, C, d1, ...] or [C] of unnormalised
    scores and target [N], [N, d1, ...] or [] of class indices, and the same options:
    weight: [C] class weights: a target's loss is scaled by weight[target], and 'mean' divides
        by the sum of the weights of the targets that count.
    ignore_index: targets equal to it count for nothing (0 under 'none'); 'mean' is over the
        others (nan when there are none, as in nn.CrossEntropyLoss).
    reduction: 'mean', 'sum' or 'none' (the loss per target, shaped like target).
    label_smoothing: e in [0, 1]: (1 - e)·L(target) + e·mean over classes c of weight[c]·L(c),
        the way nn.CrossEntropyLoss smooths; the smoothing term uses the log-space form.

    Accurate to the precision of the input (float32 too) for every gamma, tiny losses included:
    where p is near 1, log(gamma + (1 - gamma)·p) = log1p(-(1 - gamma)·(1 - p)) with 1 - p summed
    over the other classes; the log-space form elsewhere. Half-precision input is computed in
    float32.

${REFERENCE}
    """

    def __init__(
        self,
        gamma=${gamma},
        threshold=${threshold},
        weight=None,
        ignore_index=-100,
        reduction="mean",
        label_smoothing=0.0,
    ):
        super().__init__()
${indent(CHECK_GAMMA, 4)}
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be None or in [0, 1], got {threshold}")
        if reduction not in ("mean", "sum", "none"):
            raise ValueError(f"reduction must be 'mean', 'sum' or 'none', got {reduction!r}")
        if not 0.0 <= label_smoothing <= 1.0:
            raise ValueError(f"label_smoothing must be in [0, 1], got {label_smoothing}")
        self.gamma = float(gamma)
        self.threshold = None if threshold is None else float(threshold)
        self.ignore_index = ignore_index
        self.reduction = reduction
        self.label_smoothing = float(label_smoothing)
        self.register_buffer("weight", weight)

    def forward(self, input, target):
        if target.dtype.is_floating_point:
            raise ValueError("GammaCELoss takes class indices as target, not probabilities")
        shape = target.shape
        if input.dim() == 1:
            input, target = input.unsqueeze(0), target.unsqueeze(0)
        elif input.dim() > 2:
            input = input.movedim(1, -1)
        if input.dtype in (torch.float16, torch.bfloat16):
            input = input.float()
        logits = input.reshape(-1, input.shape[-1])
        target = target.reshape(-1)
        mask = target != self.ignore_index
        index = target.masked_fill(~mask, 0).long().unsqueeze(-1)
${indent(logPAndQ('index'), 4)}
        if self.weight is None:
            scale = mask.to(log_p.dtype)
        else:
            scale = self.weight.to(log_p.dtype)[index.squeeze(-1)].masked_fill(~mask, 0.0)
        loss = (self.per_class_loss(log_p, q) * scale).masked_fill(~mask, 0.0)
        if self.label_smoothing > 0.0:
            per_class = self.per_class_loss(log_probs, -torch.expm1(log_probs))
            if self.weight is not None:
                per_class = per_class * self.weight.to(log_p.dtype)
            smooth = per_class.mean(-1).masked_fill(~mask, 0.0)
            loss = (1.0 - self.label_smoothing) * loss + self.label_smoothing * smooth
        if self.reduction == "none":
            return loss.reshape(shape)
        if self.reduction == "sum":
            return loss.sum()
        return loss.sum() / scale.sum()

    def per_class_loss(self, log_p, q):
        """The loss of each entry from log p and q = 1 - p (any shape, element by element)."""
        gamma = self.gamma
        if gamma == 0.0:
            log_mix = log_p
        elif gamma == 1.0:
            log_mix = torch.zeros_like(log_p)
        else:
            # log1p(-x) where x = 1 - (gamma + (1 - gamma)·p) < 1/2, else the log-space form.
            x = (1.0 - gamma) * q
            near = x < 0.5
            far = torch.logaddexp(log_p + math.log1p(-gamma), log_p.new_tensor(math.log(gamma)))
            close = torch.log1p(-torch.where(near, x, torch.zeros_like(x)))
            log_mix = torch.where(near, close, far)
        if self.threshold is not None:
            weight = torch.exp(log_p - log_mix).clamp_min(self.threshold).detach()
            return -(weight * log_p)
        if gamma == 1.0:
            return q
        return -log_mix / (1.0 - gamma)`;
}

function body(s: TemplateSlots): string {
  return gammaCeModule(s.gamma, s.threshold);
}

export const torchModule: IntegrationTemplate = {
  id: 'module',
  framework: 'pytorch',
  label: 'GammaCELoss (nn.Module)',
  detail: 'a drop-in for nn.CrossEntropyLoss: weight, ignore_index, reduction, label_smoothing; TaiLr with threshold',
  snippetName: 'GammaCELoss module (PyTorch)',
  prefixes: ['gammace-module-torch', 'gammace-nn-module'],
  pythonImports: TORCH_MODULE_IMPORTS,
  definedName: 'GammaCELoss',
  body,
};
