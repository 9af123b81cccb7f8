// The exported project's gce_metrics.py: batch order, schedule, metrics, temperature fit (written out as is).
export const GCE_METRICS_PY = String.raw`"""gamma-CE Lab's seeded batch order, gamma schedule, calibration metrics and temperature fit, in NumPy."""
import math

import numpy as np

M32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & M32


def mulberry32(seed):
    """The lab's seeded generator (src/core/random.ts): the same doubles in [0, 1)."""
    state = seed & M32

    def draw():
        nonlocal state
        state = (state + 0x6D2B79F5) & M32
        t = state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296.0

    return draw


def epoch_permutation(rows, seed, epoch):
    """The order of the training rows in an epoch (epochPermutation of src/core/train/trainRun.ts)."""
    draw = mulberry32((seed + _imul(epoch + 1, 0x85EBCA6B)) & M32)
    order = list(range(rows))
    for i in range(rows - 1, 0, -1):
        j = int(math.floor(draw() * (i + 1)))
        order[i], order[j] = order[j], order[i]
    return np.array(order, dtype=np.int64)


def gamma_at(schedule, gamma_max, epoch, epochs):
    if schedule == "constant" or epochs <= 1:
        return gamma_max
    progress = min(1.0, epoch / (epochs - 1))
    if schedule == "linear":
        return gamma_max * progress
    return gamma_max * (1 - math.cos(math.pi * progress)) / 2


def softmax(logits, temperature=1.0):
    """Row-wise softmax(z / T) in float64 of float32 logits."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _width_bin(c, bins):
    m = np.clip(np.ceil(c * bins), 1, bins).astype(np.int64)
    m = np.where((m > 1) & (c <= (m - 1) / bins), m - 1, m)
    m = np.where((m < bins) & (c > m / bins), m + 1, m)
    return m - 1


def _bins(confidence, hit, bin_of, bins, width):
    out = []
    lower = 0.0
    for m in range(bins):
        sel = bin_of == m
        count = int(sel.sum())
        if width:
            upper = (m + 1) / bins
            lower = m / bins
        else:
            upper = float(confidence[sel].max()) if count else lower
        out.append(
            {
                "lower": lower,
                "upper": upper,
                "count": count,
                "accuracy": float(hit[sel].mean()) if count else 0.0,
                "confidence": float(confidence[sel].mean()) if count else 0.0,
            }
        )
        lower = upper
    return out


def _mass_bins(confidence, bins):
    s = np.sort(confidence)
    n = len(s)
    base, extra = divmod(n, bins)
    cuts = []
    end = 0
    for m in range(bins - 1):
        end += base + (1 if m < extra else 0)
        cut = end
        if 0 < cut < n and s[cut - 1] == s[cut]:
            lo = int(np.searchsorted(s, s[cut], "left"))
            hi = int(np.searchsorted(s, s[cut], "right"))
            cut = lo if cut - lo < hi - cut else hi
        cuts.append(cut)
    of_rank = np.zeros(n, dtype=np.int64)
    for m in range(bins):
        of_rank[(cuts[m - 1] if m > 0 else 0) : (cuts[m] if m < bins - 1 else n)] = m
    return of_rank[np.searchsorted(s, confidence, "left")]


def _ece(bins):
    n = sum(b["count"] for b in bins)
    return sum(b["count"] / n * abs(b["accuracy"] - b["confidence"]) for b in bins if b["count"]) if n else 0.0


def calibration(probs, labels, bins=15, full=True):
    """accuracy, nll, ece (and with full the rest of the lab's report but the smooth ECE)."""
    n, k = probs.shape
    predicted = probs.argmax(axis=1)
    confidence = probs[np.arange(n), predicted]
    hit = (predicted == labels).astype(np.float64)
    p_true = probs[np.arange(n), labels]
    width = _bins(confidence, hit, _width_bin(confidence, bins), bins, True)
    report = {
        "ece": _ece(width),
        "nll": float(np.mean(-np.log(np.maximum(p_true, 1e-12)))),
        "accuracy": float(hit.mean()),
    }
    if not full:
        return report
    onehot = np.eye(k)[labels]
    classwise = 0.0
    for c in range(k):
        pc = probs[:, c]
        classwise += _ece(_bins(pc, onehot[:, c], _width_bin(pc, bins), bins, True))
    report.update(
        {
            "mce": max((abs(b["accuracy"] - b["confidence"]) for b in width if b["count"]), default=0.0),
            "brier": float(np.mean(((probs - onehot) ** 2).sum(axis=1))),
            "n": int(n),
            "bins": width,
            "adaptiveEce": _ece(_bins(confidence, hit, _mass_bins(confidence, bins), bins, False)),
            "classwiseEce": classwise / k,
            "smoothEce": None,
            "smoothEceSigma": None,
            "classes": int(k),
        }
    )
    return report


def tempered_nll(logits, labels, temperature):
    z = np.asarray(logits, dtype=np.float64) / temperature
    top = z.max(axis=1)
    return float(np.mean(top + np.log(np.exp(z - top[:, None]).sum(axis=1)) - z[np.arange(len(labels)), labels]))


def fit_temperature(logits, labels):
    """Golden-section search on log T in [log 0.01, log 100], as the lab's temperature scaling."""
    lo, hi = math.log(0.01), math.log(100)
    ratio = (math.sqrt(5) - 1) / 2
    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fa, fb = tempered_nll(logits, labels, math.exp(a)), tempered_nll(logits, labels, math.exp(b))
    for _ in range(80):
        if fa <= fb:
            hi, b, fb = b, a, fa
            a = hi - ratio * (hi - lo)
            fa = tempered_nll(logits, labels, math.exp(a))
        else:
            lo, a, fa = a, b, fb
            b = lo + ratio * (hi - lo)
            fb = tempered_nll(logits, labels, math.exp(b))
    return math.exp((lo + hi) / 2)
`;
