"""Independent reference values for the unit tests, computed straight from the definitions (direct
formulas, not the log-space forms the TypeScript core uses): float64 NumPy, and 60-digit mpmath for
the tiny losses of loss-tiny.json.

Run with Debian's interpreter, which has python3-numpy and python3-mpmath:
    /usr/bin/python3 test/reference/make_reference.py
It rewrites test/fixtures/reference/*.json; the tests read those files and need no Python.
"""
import json
import os

import mpmath
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'reference')


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def log_softmax(z):
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def gamma_ce(z, y, gamma):
    n = len(y)
    p = softmax(z)
    py = p[np.arange(n), y]
    if gamma == 1:
        rows = 1 - py
    elif gamma == 0:
        rows = -log_softmax(z)[np.arange(n), y]
    else:
        # γ + (1−γ)p = 1 − (1−γ)(1−p): log1p keeps γ near 1 exact in float64
        rows = -np.log1p(-(1 - gamma) * (1 - py)) / (1 - gamma)
    w = np.ones(n) if gamma == 0 else py / (gamma + (1 - gamma) * py)
    onehot = np.eye(z.shape[1])[y]
    grad = w[:, None] * (p - onehot) / n
    return rows, grad


def tailr(z, y, gamma, b):
    n = len(y)
    p = softmax(z)
    py = p[np.arange(n), y]
    ratio = np.ones(n) if gamma == 0 else py / (gamma + (1 - gamma) * py)  # p/p = 1 even where p underflows
    w = np.maximum(b, ratio)
    rows = -w * log_softmax(z)[np.arange(n), y]
    onehot = np.eye(z.shape[1])[y]
    grad = w[:, None] * (p - onehot) / n
    return rows, grad


def check_grad_by_finite_differences(z, y, gamma):
    _, grad = gamma_ce(z, y, gamma)
    h = 1e-6
    num = np.zeros_like(z)
    for i in range(z.shape[0]):
        for k in range(z.shape[1]):
            zp, zm = z.copy(), z.copy()
            zp[i, k] += h
            zm[i, k] -= h
            num[i, k] = (gamma_ce(zp, y, gamma)[0].mean() - gamma_ce(zm, y, gamma)[0].mean()) / (2 * h)
    assert np.allclose(num, grad, atol=1e-7), (gamma, np.abs(num - grad).max())


def loss_cases():
    rng = np.random.default_rng(20230501)
    z = f32(rng.normal(scale=2.0, size=(7, 4)))
    y = rng.integers(0, 4, size=7)
    extreme = f32([[1e4, -1e4, 0.0], [-1e4, 1e4, 5e3], [0.0, 0.0, 0.0], [3e3, -2e3, 1e4]])
    ey = np.array([1, 1, 2, 0])
    cases = []
    for name, logits, labels in [('random', z, y), ('extreme', extreme, ey)]:
        for gamma in [0, 1e-7, 1e-3, 0.1, 0.5, 0.8, 0.99, 0.999999, 1]:
            if name == 'random' and gamma not in (0, 1):
                check_grad_by_finite_differences(logits, labels, gamma)
            rows, grad = gamma_ce(logits, labels, gamma)
            cases.append({'name': name, 'loss': 'gamma-ce', 'gamma': gamma, 'logits': logits.tolist(),
                          'labels': labels.tolist(), 'rows': rows.tolist(), 'grad': grad.tolist()})
        for gamma, b in [(1e-7, 0.2), (0.1, 0.3), (0.8, 0.2), (0.5, 0.0), (1, 0.5), (0, 0.2)]:
            rows, grad = tailr(logits, labels, gamma, b)
            cases.append({'name': name, 'loss': 'tailr', 'gamma': gamma, 'threshold': b, 'logits': logits.tolist(),
                          'labels': labels.tolist(), 'rows': rows.tolist(), 'grad': grad.tolist()})
    return cases


def mp_loss_case(name, logits, labels, loss, gamma, threshold=None):
    """Per-row loss and mean-reduction gradient in 60-digit arithmetic, from the float32 logits."""
    mpmath.mp.dps = 60
    n = len(labels)
    g = mpmath.mpf(float(gamma))
    rows, grad = [], []
    for z, y in zip(f32(logits), labels):
        e = [mpmath.exp(mpmath.mpf(float(v))) for v in z]
        s = mpmath.fsum(e)
        p = [v / s for v in e]
        py = p[y]
        w = mpmath.mpf(1) if g == 0 else py / (g + (1 - g) * py)
        if loss == 'tailr':
            w = max(mpmath.mpf(float(threshold)), w)
            rows.append(-w * mpmath.log(py))
        elif g == 1:
            rows.append(1 - py)
        else:
            rows.append(-mpmath.log(g + (1 - g) * py) / (1 - g))
        grad.append([w * (pk - (1 if k == y else 0)) / n for k, pk in enumerate(p)])
    case = {'name': name, 'loss': loss, 'gamma': gamma, 'logits': f32(logits).tolist(), 'labels': list(labels),
            'rows': [float(r) for r in rows], 'grad': [[float(v) for v in r] for r in grad]}
    if threshold is not None:
        case['threshold'] = threshold
    return case


def tiny_loss_cases():
    """Rows whose loss is far below 1e-16 (p_y within 1e-16 of 1) beside ordinary ones, for relative-error tests:
    log1p(e^-50) = 1.93e-22 is the cross-entropy of logits [50, 0] with label 0."""
    inputs = [
        ('two-class', [[50, 0], [0, 80], [85, 0], [3, 1], [0, 2]], [0, 1, 0, 0, 0]),
        ('three-class', [[30, 0, -10], [20, 19.5, -5], [-2, 3, 1], [0, 50, 45]], [0, 0, 2, 1]),
        ('ten-class', [[40, 1, -3, 2, 0, -7, 5, 3, 1, 0.5], [0.3, -1.2, 2.2, 0.1, 0, 1, -0.4, 0.9, 2.1, -3]], [0, 8]),
    ]
    gammas = [0, 1e-300, 1e-12, 1e-6, 0.1, 0.5, 0.9, 1 - 1e-6, 1 - 1e-12, 1]
    cases = []
    for name, logits, labels in inputs:
        for gamma in gammas:
            cases.append(mp_loss_case(name, logits, labels, 'gamma-ce', gamma))
        for gamma, b in [(0, 0.2), (1e-12, 0.0), (0.1, 0.3), (0.5, 0.0), (1 - 1e-6, 0.2), (1, 0.5)]:
            cases.append(mp_loss_case(name, logits, labels, 'tailr', gamma, b))
    return cases


def bins_of(conf, hit, m):
    edges = np.array([i / m for i in range(m + 1)])
    # bin j (0-based) holds edges[j] < c <= edges[j+1]; the first also holds c = 0
    idx = np.searchsorted(edges[1:], conf, side='left')
    idx = np.minimum(idx, m - 1)
    out = []
    for j in range(m):
        sel = idx == j
        cnt = int(sel.sum())
        out.append({'lower': edges[j], 'upper': edges[j + 1], 'count': cnt,
                    'accuracy': float(hit[sel].mean()) if cnt else 0.0,
                    'confidence': float(conf[sel].mean()) if cnt else 0.0})
    return out


def ece_of(bins, n):
    return sum(b['count'] / n * abs(b['accuracy'] - b['confidence']) for b in bins if b['count'])


def equal_mass_parts(conf, m):
    """Row indices of each equal-mass bin: numpy.array_split of the sorted confidences, each cut that
    falls inside a run of equal confidences moved to the run's nearer end (its upper end when both are
    as near), so that ties never straddle two bins."""
    order = np.argsort(conf, kind='stable')
    s = conf[order]
    n = len(s)
    bounds = [0]
    for c in np.cumsum([len(p) for p in np.array_split(np.arange(n), m)])[:-1]:
        if 0 < c < n and s[c - 1] == s[c]:
            lo, hi = np.searchsorted(s, s[c], 'left'), np.searchsorted(s, s[c], 'right')
            c = lo if c - lo < hi - c else hi
        bounds.append(int(c))
    bounds.append(n)
    return [order[a:b] for a, b in zip(bounds, bounds[1:])]


def report(probs, labels, m):
    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels)
    n, k = probs.shape
    conf = probs.max(axis=1)
    pred = probs.argmax(axis=1)  # numpy's argmax takes the first maximum
    hit = (pred == labels).astype(np.float64)
    bins = bins_of(conf, hit, m)
    mass = 0.0
    for part in equal_mass_parts(conf, m):
        if len(part):
            mass += len(part) / n * abs(hit[part].mean() - conf[part].mean())
    classwise = np.mean([ece_of(bins_of(probs[:, c], (labels == c).astype(np.float64), m), n) for c in range(k)])
    onehot = np.eye(k)[labels]
    return {
        'ece': ece_of(bins, n),
        'mce': max(abs(b['accuracy'] - b['confidence']) for b in bins if b['count']),
        'brier': float(((probs - onehot) ** 2).sum(axis=1).mean()),
        'nll': float(-np.log(np.maximum(probs[np.arange(n), labels], 1e-12)).mean()),
        'accuracy': float(hit.mean()),
        'n': n,
        'bins': bins,
        'adaptiveEce': mass,
        'classwiseEce': float(classwise),
        'classes': k,
    }


def calibration_cases():
    rng = np.random.default_rng(7)
    cases = []
    probs = rng.dirichlet(np.full(5, 0.6), size=500)
    noisy = probs * 0.7 + 0.3 * rng.dirichlet(np.ones(5), size=500)
    labels = np.array([rng.choice(5, p=row / row.sum()) for row in noisy])
    for m in (15, 10, 7):
        cases.append({'name': f'dirichlet-{m}', 'probs': probs.tolist(), 'labels': labels.tolist(), 'bins': m,
                      'report': report(probs, labels, m)})
    edge = [[0.5, 0.5], [0.4, 0.6], [0.2, 0.8], [0.0, 1.0], [0.7, 0.3], [0.3, 0.7], [1.0, 0.0], [0.9, 0.1]]
    edge_labels = [1, 1, 0, 1, 0, 1, 0, 1]
    for m in (5, 10):
        cases.append({'name': f'edges-{m}', 'probs': edge, 'labels': edge_labels, 'bins': m,
                      'report': report(edge, edge_labels, m)})
    three = [[0.7, 0.2, 0.1], [0.1, 0.7, 0.2], [1 / 3, 1 / 3, 1 / 3], [0.2, 0.2, 0.6], [0.05, 0.9, 0.05]]
    cases.append({'name': 'three-few', 'probs': three, 'labels': [0, 2, 1, 2, 1], 'bins': 20,
                  'report': report(three, [0, 2, 1, 2, 1], 20)})
    # Tree- and naive-Bayes-like confidences: few distinct values, long runs of ties.
    tied_values = np.array([[0.9, 0.1], [0.8, 0.2], [0.7, 0.3], [0.6, 0.4], [0.5, 0.5], [0.2, 0.8], [0.1, 0.9], [0.0, 1.0]])
    tied = tied_values[rng.choice(len(tied_values), size=301, p=[0.3, 0.2, 0.1, 0.05, 0.05, 0.1, 0.1, 0.1])]
    tied_labels = (rng.random(301) < tied[:, 1]).astype(int)
    perm = rng.permutation(301)
    for m in (15, 10, 4):
        cases.append({'name': f'ties-{m}', 'probs': tied.tolist(), 'labels': tied_labels.tolist(), 'bins': m,
                      'report': report(tied, tied_labels, m)})
        cases.append({'name': f'ties-{m}-permuted', 'probs': tied[perm].tolist(), 'labels': tied_labels[perm].tolist(),
                      'bins': m, 'report': report(tied[perm], tied_labels[perm], m)})
    one = [[1.0], [1.0], [1.0]]
    cases.append({'name': 'one-class', 'probs': one, 'labels': [0, 0, 0], 'bins': 15, 'report': report(one, [0, 0, 0], 15)})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'loss.json'), 'w') as f:
        json.dump(loss_cases(), f)
    with open(os.path.join(OUT, 'loss-tiny.json'), 'w') as f:
        json.dump(tiny_loss_cases(), f)
    with open(os.path.join(OUT, 'calibration.json'), 'w') as f:
        json.dump(calibration_cases(), f)


if __name__ == '__main__':
    main()
