"""Independent references for test/unit/recalibration.test.ts: temperature scaling by SciPy's bounded
minimize_scalar (and brentq on the derivative), histogram binning, isotonic regression by a plain
pool-adjacent-violators written here (scikit-learn is not installed), and the cross-validated
metrics for given folds.

stdin: {"cases": [{"id", "probs", "labels", "method", "bins", "folds": [[row, ...], ...]}]}
stdout: {"results": [{"id", "calibrator": {...}, "before": {...}, "after": {...}, "per_fold": [...],
  "nll_derivative_root"?: T}]}
"""
import json
import sys

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import logsumexp

sys.path.insert(0, __import__("os").path.dirname(__file__))
from smooth_ece_reference import smece  # noqa: E402


def nll_at(z, y, t):
    s = z / t
    return float(np.mean(logsumexp(s, axis=1) - s[np.arange(len(y)), y]))


def fit_temperature(z, y):
    res = minimize_scalar(lambda log_t: nll_at(z, y, np.exp(log_t)), bounds=(np.log(0.01), np.log(100)),
                          method="bounded", options={"xatol": 1e-12})
    return float(np.exp(res.x))


def derivative_root(z, y):
    """dNLL/dβ at β = 1/T is mean(E_softmax(βz)[z] − z_y); its root is the exact minimiser."""
    finite = np.where(np.isfinite(z), z, 0.0)

    def grad(beta):
        s = z * beta
        p = np.exp(s - logsumexp(s, axis=1, keepdims=True))
        return float(np.mean(np.sum(p * finite, axis=1) - finite[np.arange(len(y)), y]))

    lo, hi = 1 / 100, 1 / 0.01
    if grad(lo) * grad(hi) > 0:
        return None
    return float(1 / brentq(grad, lo, hi, xtol=1e-15, rtol=1e-15))


def guo_bin(c, bins):
    edges = np.arange(1, bins + 1) / bins
    return np.minimum(np.searchsorted(edges, c, side="left"), bins - 1)


def fit_histogram(c, hit, bins):
    b = guo_bin(c, bins)
    values = []
    for m in range(bins):
        inside = b == m
        values.append(float(hit[inside].mean()) if inside.any() else (m + 0.5) / bins)
    return values


def pav(c, hit):
    """Least-squares non-decreasing fit: start from one block per distinct value, merge violators."""
    xs = np.unique(c)
    blocks = [[x, x, float(hit[c == x].sum()), float((c == x).sum())] for x in xs]
    merged = True
    while merged:
        merged = False
        for b in range(len(blocks) - 1):
            left, right = blocks[b], blocks[b + 1]
            if left[2] / left[3] > right[2] / right[3]:
                blocks[b] = [left[0], right[1], left[2] + right[2], left[3] + right[3]]
                del blocks[b + 1]
                merged = True
                break
    x, y = [], []
    for lo, hi, s, w in blocks:
        x.append(lo)
        y.append(s / w)
        if hi != lo:
            x.append(hi)
            y.append(s / w)
    return x, y


def top_label(p):
    pred = np.argmax(p, axis=1)
    return pred, p[np.arange(len(p)), pred]


def rescale(p, pred, mapped):
    out = p.copy()
    k = p.shape[1]
    for i in range(len(p)):
        rest = p[i].sum() - p[i, pred[i]]
        others = np.arange(k) != pred[i]
        out[i, others] = p[i, others] * (1 - mapped[i]) / rest if rest > 0 else (1 - mapped[i]) / (k - 1)
        out[i, pred[i]] = mapped[i]
    return out


def metrics(p, y, pred, bins):
    conf = p[np.arange(len(p)), pred]
    hit = (pred == y).astype(float)
    b = guo_bin(conf, bins)
    ece = sum(abs(hit[b == m].sum() - conf[b == m].sum()) for m in range(bins)) / len(p)
    onehot = np.eye(p.shape[1])[y]
    return {
        "ece": float(ece),
        "smoothEce": smece(conf, hit)[0],
        "nll": float(np.mean(-np.log(np.maximum(p[np.arange(len(p)), y], 1e-12)))),
        "brier": float(np.mean(np.sum((p - onehot) ** 2, axis=1))),
        "accuracy": float(hit.mean()),
    }


def fit(method, p, z, y, rows, bins):
    pred, conf = top_label(p)
    hit = (pred == y).astype(float)
    if method == "temperature":
        return {"temperature": fit_temperature(z[rows], y[rows])}
    if method == "histogram":
        return {"values": fit_histogram(conf[rows], hit[rows], bins)}
    x, fitted = pav(conf[rows], hit[rows])
    return {"x": x, "y": fitted}


def apply(method, calibrator, p, z, bins):
    pred, conf = top_label(p)
    if method == "temperature":
        s = z / calibrator["temperature"]
        return np.exp(s - logsumexp(s, axis=1, keepdims=True))
    if method == "histogram":
        mapped = np.array(calibrator["values"])[guo_bin(conf, bins)]
    else:
        mapped = np.interp(conf, calibrator["x"], calibrator["y"])
    return rescale(p, pred, mapped)


def main():
    out = []
    for case in json.load(sys.stdin)["cases"]:
        p = np.asarray(case["probs"], dtype=np.float64)
        y = np.asarray(case["labels"], dtype=np.int64)
        with np.errstate(divide="ignore"):
            z = np.log(p)
        method, bins = case["method"], case["bins"]
        pred, _ = top_label(p)
        everything = np.arange(len(y))
        calibrator = fit(method, p, z, y, everything, bins)
        oof = np.zeros_like(p)
        per_fold = []
        for fold in case["folds"]:
            fold = np.asarray(fold, dtype=np.int64)
            rest = np.setdiff1d(everything, fold)
            c = fit(method, p, z, y, rest, bins)
            scaled = apply(method, c, p, z, bins)
            oof[fold] = scaled[fold]
            per_fold.append({"after": metrics(scaled[fold], y[fold], pred[fold], bins), **c})
        result = {
            "id": case["id"],
            "calibrator": calibrator,
            "before": metrics(p, y, pred, bins),
            "after": metrics(oof, y, pred, bins),
            "per_fold": per_fold,
        }
        if method == "temperature":
            result["nll_derivative_root"] = derivative_root(z, y)
            result["nll_at_fit"] = nll_at(z, y, calibrator["temperature"])
        out.append(result)
    json.dump({"results": out}, sys.stdout)


if __name__ == "__main__":
    main()
