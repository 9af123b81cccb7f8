// The exported project's gce_losses.py: the training losses in torch (written out as is).
export const GCE_LOSSES_PY = String.raw`"""The training losses of the experiment, per row, in the stable log-space forms of gamma-CE Lab's snippets.

The lab computes every loss and its gradient in float64 from float32 logits; so does this file: the
logits are upcast and autograd takes the gradient back to float32 at the cast.
"""
import math

import torch
import torch.nn.functional as F


def log_p_and_q(logits, labels):
    """log p_y and q = 1 - p_y per row, both accurate where p_y rounds to 1."""
    index = labels.unsqueeze(-1)
    log_probs = F.log_softmax(logits, dim=-1)
    others = log_probs.exp().scatter(-1, index, 0.0).sum(-1)
    high = others < 0.5
    safe = torch.where(high, others, torch.zeros_like(others))
    log_p = torch.where(high, torch.log1p(-safe), log_probs.gather(-1, index).squeeze(-1))
    q = torch.where(high, others, 1.0 - log_p.exp())
    return log_p, q


def log_mix(log_p, q, gamma):
    """log(gamma + (1 - gamma) p_y)."""
    if gamma == 0.0:
        return log_p
    if gamma == 1.0:
        return torch.zeros_like(log_p)
    x = (1.0 - gamma) * q
    near = x < 0.5
    far = torch.logaddexp(log_p + math.log1p(-gamma), log_p.new_tensor(math.log(gamma)))
    return torch.where(near, torch.log1p(-torch.where(near, x, torch.zeros_like(x))), far)


def gamma_ce_rows(logits, labels, gamma):
    log_p, q = log_p_and_q(logits, labels)
    if gamma == 0.0:
        return -log_p
    if gamma == 1.0:
        return q
    return -log_mix(log_p, q, gamma) / (1.0 - gamma)


def uniform_ce_rows(logits):
    """(1/K) sum_k -log p_k: the label-smoothing term of the official TaiLr code."""
    shifted = logits - logits.max(-1, keepdim=True).values
    return torch.logsumexp(shifted, -1) - shifted.mean(-1)


def tailr_rows(logits, labels, gamma, threshold, smoothing):
    log_p, q = log_p_and_q(logits, labels)
    weight = torch.exp(log_p - log_mix(log_p, q, gamma)).clamp_min(threshold).detach()
    rows = -(weight * log_p)
    if smoothing > 0:
        rows = (1.0 - smoothing) * rows + smoothing * uniform_ce_rows(logits)
    return rows


def label_smoothing_rows(logits, labels, epsilon):
    classes = logits.shape[-1]
    target = F.one_hot(labels, classes).to(logits.dtype) * (1.0 - epsilon) + epsilon / classes
    return -(target * F.log_softmax(logits, dim=-1)).sum(-1)


def focal_rows(logits, labels, focal_gamma):
    log_py = F.log_softmax(logits, dim=-1).gather(-1, labels.unsqueeze(-1)).squeeze(-1)
    if focal_gamma == 0:
        return -log_py
    modulator = torch.exp(torch.log(torch.clamp_min(1.0 - log_py.exp(), 1e-12)) * focal_gamma)
    return -(modulator * log_py)


def gce_rows(logits, labels, q):
    ce = -log_p_and_q(logits, labels)[0]
    return -torch.expm1(-q * ce) / q


def sce_rows(logits, labels, alpha, beta, log_zero):
    ce = -log_p_and_q(logits, labels)[0]
    return alpha * ce - log_zero * beta * -torch.expm1(-ce)


def loss_rows(run, logits, labels, gamma):
    """Per-row training loss of a run (see config.json "runs") at the epoch's gamma."""
    kind = run["loss"]
    if kind == "ce":
        return gamma_ce_rows(logits, labels, 0.0)
    if kind == "gamma-ce":
        return gamma_ce_rows(logits, labels, gamma)
    if kind == "tailr":
        return tailr_rows(logits, labels, gamma, run.get("threshold") or 0.0, run.get("smoothing", 0.0))
    if kind == "label-smoothing":
        return label_smoothing_rows(logits, labels, run.get("smoothing", 0.1))
    if kind == "focal":
        return focal_rows(logits, labels, run.get("focalGamma", 2.0))
    if kind == "gce":
        return gce_rows(logits, labels, run.get("q", 0.7))
    if kind == "sce":
        sce = run.get("sce", {"alpha": 0.1, "beta": 1.0, "A": -4.0})
        return sce_rows(logits, labels, sce["alpha"], sce["beta"], sce["A"])
    raise ValueError(f"unknown loss {kind}")
`;
