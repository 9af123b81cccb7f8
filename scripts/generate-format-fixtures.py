"""NumPy fixtures and reference metrics for test/fixtures/formats (called by generate-format-fixtures.js).

Reads preds.csv and logits.csv, writes .npy/.npz with numpy's own writers, and expected.json with the
metrics computed here in NumPy, independently of the extension's code: ECE/MCE over 15 equal-width bins
(Guo et al.: bin m holds (m-1)/M < c <= m/M, bin 1 also c = 0), Brier, NLL, accuracy, classwise ECE.
"""
import json
import os
import sys

import numpy as np

out = sys.argv[1]
at = lambda f: os.path.join(out, f)
table = np.loadtxt(at("preds.csv"), delimiter=",", skiprows=1)
probs, labels = table[:, :4].copy(), table[:, 4].astype(np.int64)
logits = np.loadtxt(at("logits.csv"), delimiter=",", skiprows=1)[:, :4].copy()

np.save(at("probs.npy"), probs)
np.save(at("labels.npy"), labels)
np.save(at("labels-i4.npy"), labels.astype(np.int32))
np.save(at("probs-f4.npy"), probs.astype(np.float32))
np.save(at("probs-f2.npy"), probs.astype(np.float16))
np.save(at("probs-fortran.npy"), np.asfortranarray(probs))
np.save(at("probs-bigendian.npy"), probs.astype(">f8"))
np.save(at("probs-object.npy"), np.array([[0.5, 0.5]] * 3, dtype=object), allow_pickle=True)
np.save(at("labels-short.npy"), labels[:-1])
np.savez(at("preds.npz"), probs=probs, labels=labels)
np.savez_compressed(at("preds-compressed.npz"), probs=probs, labels=labels)
np.savez(at("logits.npz"), logits=logits, labels=labels)
np.savez(at("named.npz"), scores=probs, y=labels)
top = probs.max(axis=1)
correct = probs.argmax(axis=1) == labels
np.savez_compressed(at("toplabel.npz"), confidence=top, correct=correct)
nan = probs.copy()
nan[7, 2] = np.nan
np.savez(at("nan.npz"), probs=nan, labels=labels)


def bins_of(c, m=15):
    # ceil(c*M) clipped to [1, M], then nudged across the exact edges m/M (as the Guo et al. rule reads).
    b = np.clip(np.ceil(c * m), 1, m).astype(int)
    for i in range(len(c)):
        while b[i] > 1 and c[i] <= (b[i] - 1) / m:
            b[i] -= 1
        while b[i] < m and c[i] > b[i] / m:
            b[i] += 1
    return b - 1


def ece(c, hit, m=15):
    b = bins_of(c, m)
    total, worst = 0.0, 0.0
    for k in range(m):
        sel = b == k
        if sel.any():
            gap = abs(hit[sel].mean() - c[sel].mean())
            total += sel.sum() / len(c) * gap
            worst = max(worst, gap)
    return total, worst


def report(p, y):
    conf = p.max(axis=1)
    hit = (p.argmax(axis=1) == y).astype(float)
    e, mce = ece(conf, hit)
    onehot = np.eye(p.shape[1])[y]
    classwise = np.mean([ece(p[:, k], (y == k).astype(float))[0] for k in range(p.shape[1])])
    return {
        "ece": e,
        "mce": mce,
        "brier": float(np.mean(np.sum((p - onehot) ** 2, axis=1))),
        "nll": float(np.mean(-np.log(np.maximum(p[np.arange(len(y)), y], 1e-12)))),
        "accuracy": float(hit.mean()),
        "classwiseEce": float(classwise),
        "n": int(len(y)),
    }


sm = np.exp(logits - logits.max(axis=1, keepdims=True))
sm /= sm.sum(axis=1, keepdims=True)
expected = {"preds": report(probs, labels), "logits": report(sm, labels), "f4": report(probs.astype(np.float32).astype(np.float64), labels)}
with open(at("expected.json"), "w") as f:
    json.dump(expected, f, indent=2)
    f.write("\n")
