"""The twin of `gamma-ce calibrate --json` for bench/calibrateBench.ts: pandas.read_csv (or numpy.load
for .npy) and NumPy for the ECE (15 equal-width bins, Guo et al.), Brier, NLL and accuracy.
Usage: calibrate_reference.py preds.csv | probs.npy labels.npy  → one JSON line."""
import json
import sys

import numpy as np
import pandas as pd

if sys.argv[1].endswith(".npy"):
    probs = np.load(sys.argv[1])
    labels = np.load(sys.argv[2]).astype(np.int64)
else:
    frame = pd.read_csv(sys.argv[1])
    labels = frame.pop("label").to_numpy(np.int64)
    probs = frame.to_numpy(np.float64)

n, k = probs.shape
M = 15
conf = probs.max(axis=1)
hit = probs.argmax(axis=1) == labels
bins = np.clip(np.ceil(conf * M).astype(np.int64), 1, M) - 1
count = np.bincount(bins, minlength=M)
acc = np.bincount(bins, weights=hit, minlength=M)
mean = np.bincount(bins, weights=conf, minlength=M)
nz = count > 0
ece = float(np.sum(np.abs(acc[nz] - mean[nz])) / n)
p_true = probs[np.arange(n), labels]
brier = float(np.mean(np.sum(probs**2, axis=1) - 2 * p_true + 1))
nll = float(np.mean(-np.log(np.maximum(p_true, 1e-12))))
print(json.dumps({"n": n, "classes": k, "ece": ece, "brier": brier, "nll": nll, "accuracy": float(hit.mean())}))
