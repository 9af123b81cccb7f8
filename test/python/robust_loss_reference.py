"""Independent references for GCE, SCE and TaiLr with label smoothing (test/unit/lossesRobust.test.ts).

Values straight from the definitions, gradients by PyTorch autograd, in float64; rows whose loss is
far below 1e-16 in 60-digit mpmath. Run with Debian's interpreter (torch 1.13, mpmath):
    /usr/bin/python3 test/python/robust_loss_reference.py
It rewrites test/fixtures/reference/robust-loss.json; the tests read it and need no Python.
"""
import json
import os

import mpmath
import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'reference', 'robust-loss.json')


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def gce_rows(z, y, q):
    logp = torch.log_softmax(z, dim=1)
    p_y = logp.gather(1, y[:, None])[:, 0].exp()
    # (1 − p_y^q)/q, as written in the paper
    return (1 - p_y ** q) / q


def sce_rows(z, y, alpha, beta, A):
    logp = torch.log_softmax(z, dim=1)
    ce = -logp.gather(1, y[:, None])[:, 0]
    p = torch.softmax(z, dim=1)
    onehot = torch.nn.functional.one_hot(y, z.shape[1]).bool()
    log_q = torch.where(onehot, torch.zeros_like(p), torch.full_like(p, A))  # log 1 = 0, log 0 := A
    rce = -(p * log_q).sum(dim=1)
    return alpha * ce + beta * rce


def tailr_smoothed_rows(z, y, gamma, b, eps):
    """fairseq/criterions/tailr.py of thu-coai/TaiLr: (1 − ε)·w·nll + ε/V·Σ_v −log p_v, w without gradient."""
    logp = torch.log_softmax(z, dim=1)
    nll = -logp.gather(1, y[:, None])[:, 0]
    smooth = -logp.sum(dim=1)
    with torch.no_grad():
        p_y = logp.gather(1, y[:, None])[:, 0].exp()
        w = torch.clamp(p_y / (gamma + (1 - gamma) * p_y), min=b, max=1.0)
    return (1 - eps) * w * nll + eps / z.shape[1] * smooth


def torch_case(name, logits, labels, loss, params, rows_fn):
    z = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
    y = torch.tensor(labels, dtype=torch.int64)
    rows = rows_fn(z, y)
    rows.mean().backward()
    return {'name': name, 'loss': loss, 'params': params, 'logits': logits.tolist(), 'labels': labels.tolist(),
            'rows': rows.detach().tolist(), 'grad': z.grad.tolist()}


def torch_cases():
    rng = np.random.default_rng(20240613)
    inputs = [
        ('random', f32(rng.normal(scale=2.0, size=(7, 4))), rng.integers(0, 4, size=7)),
        ('ten-class', f32(rng.normal(scale=3.0, size=(5, 10))), rng.integers(0, 10, size=5)),
    ]
    cases = []
    for name, z, y in inputs:
        for q in [1e-3, 0.1, 0.5, 0.7, 1.0]:
            cases.append(torch_case(name, z, y, 'gce', {'q': q}, lambda zz, yy, q=q: gce_rows(zz, yy, q)))
        for alpha, beta, A in [(0.1, 1.0, -4.0), (1.0, 1.0, -4.0), (0.0, 1.0, -4.0), (0.5, 0.3, -2.0), (1.0, 0.0, -4.0), (6.0, 0.1, -6.0)]:
            params = {'alpha': alpha, 'beta': beta, 'A': A}
            cases.append(torch_case(name, z, y, 'sce', params, lambda zz, yy, a=alpha, b=beta, A=A: sce_rows(zz, yy, a, b, A)))
        for gamma, b, eps in [(0.1, 0.3, 0.1), (0.8, 0.2, 0.1), (1e-7, 0.0, 0.3), (1.0, 0.5, 0.05)]:
            params = {'gamma': gamma, 'threshold': b, 'smoothing': eps}
            cases.append(torch_case(name, z, y, 'tailr', params,
                                    lambda zz, yy, g=gamma, b=b, e=eps: tailr_smoothed_rows(zz, yy, g, b, e)))
    return cases


def mp_case(name, logits, labels, loss, params):
    """Per-row loss and mean-reduction gradient in 60-digit arithmetic, from the float32 logits."""
    mpmath.mp.dps = 60
    n = len(labels)
    rows, grad = [], []
    for z, y in zip(f32(logits), labels):
        e = [mpmath.exp(mpmath.mpf(float(v))) for v in z]
        s = mpmath.fsum(e)
        p = [v / s for v in e]
        if loss == 'gce':
            q = mpmath.mpf(params['q'])
            rows.append((1 - p[y] ** q) / q)
            w = p[y] ** q
        else:
            alpha, beta, A = (mpmath.mpf(params[k]) for k in ('alpha', 'beta', 'A'))
            rows.append(-alpha * mpmath.log(p[y]) - beta * A * mpmath.fsum(pk for k, pk in enumerate(p) if k != y))
            w = alpha - A * beta * p[y]
        grad.append([w * (pk - (1 if k == y else 0)) / n for k, pk in enumerate(p)])
    return {'name': name, 'loss': loss, 'params': params, 'logits': f32(logits).tolist(), 'labels': list(labels),
            'rows': [float(r) for r in rows], 'grad': [[float(v) for v in r] for r in grad]}


def tiny_cases():
    inputs = [
        ('two-class-tiny', [[50, 0], [0, 80], [85, 0], [3, 1], [0, 2]], [0, 1, 0, 0, 0]),
        ('ten-class-tiny', [[40, 1, -3, 2, 0, -7, 5, 3, 1, 0.5], [0.3, -1.2, 2.2, 0.1, 0, 1, -0.4, 0.9, 2.1, -3]], [0, 8]),
        ('extreme', [[1e4, -1e4, 0.0], [-1e4, 1e4, 5e3], [0.0, 0.0, 0.0], [3e3, -2e3, 1e4]], [1, 1, 2, 0]),
    ]
    cases = []
    for name, z, y in inputs:
        for q in [1e-6, 0.1, 0.7, 1.0]:
            cases.append(mp_case(name, z, y, 'gce', {'q': q}))
        for alpha, beta, A in [(0.1, 1.0, -4.0), (0.0, 1.0, -4.0), (1.0, 0.0, -4.0)]:
            cases.append(mp_case(name, z, y, 'sce', {'alpha': alpha, 'beta': beta, 'A': A}))
    return cases


def main():
    with open(OUT, 'w') as f:
        json.dump({'float64': torch_cases(), 'mpmath': tiny_cases()}, f)


if __name__ == '__main__':
    main()
