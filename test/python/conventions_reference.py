"""Independent references for test/unit/conventions.test.ts: the ECE/MCE code paths of torchmetrics 1.9
(binary_/multiclass_calibration_error) and netcal 1.3 (metrics.ECE/MCE, equal_intervals), written anew
from their published source with the operations those libraries call (torch float32 tensors with
bucketize and scatter_add_; numpy histogramdd and scipy binned_statistic_dd), plus Guo's bins. Neither
library is installed here.

torch.linspace is computed as torch 2.x's CPU kernel does (serial, IEEE float32 per operation); the
local torch 1.13 linspace is vectorised differently and is only used to cross-check M = 10 and 15.

stdin: {"cases": [{"id", "probs", "labels", "convention", "bins"}]}
stdout: {"results": [{"id", "ece", "mce", "counts"} or {"id", "error"}]}
"""
import json
import sys

import numpy as np
from scipy.stats import binned_statistic_dd


def torch2_linspace(bins):
    import torch

    f32 = np.float32
    steps = bins + 1
    step = f32(1) / f32(bins)
    half = steps // 2
    values = [step * f32(i) if i < half else f32(1) - step * f32(steps - i - 1) for i in range(steps)]
    return torch.tensor(np.array(values, dtype=np.float32))


def torchmetrics(p, y, bins):
    import torch

    preds = torch.tensor(p, dtype=torch.float32)
    target = torch.tensor(y, dtype=torch.int64)
    if preds.shape[1] == 2:
        preds = preds[:, 1]
        if not torch.all((preds >= 0) * (preds <= 1)):
            return None
        confidences, accuracies = preds, target.to(torch.float32)
    else:
        if not torch.all((preds >= 0) * (preds <= 1)):
            return None
        confidences, predictions = preds.max(dim=1)
        confidences, accuracies = confidences.float(), predictions.eq(target).float()
    edges = torch2_linspace(bins)
    index = torch.bucketize(confidences, edges, right=True) - 1
    count = torch.zeros(len(edges)).scatter_add_(0, index, torch.ones_like(confidences))
    conf = torch.nan_to_num(torch.zeros(len(edges)).scatter_add_(0, index, confidences) / count)
    acc = torch.nan_to_num(torch.zeros(len(edges)).scatter_add_(0, index, accuracies) / count)
    share = count / count.sum()
    ece = torch.sum(torch.abs(acc - conf) * share)
    mce = torch.max(torch.abs(acc - conf))
    return float(ece), float(mce), count.tolist()


def netcal(p, y, bins):
    eps = np.finfo(p.dtype).eps
    x = np.clip(p, eps, 1.0 - eps)
    if len(np.unique(y)) <= 2:
        if x.shape[1] > 2:
            return None
        matched = y.astype(np.float64)
        x = x[:, 1:2]
    else:
        matched = (np.argmax(x, axis=1) == y).astype(np.float64)
        x = np.max(x, axis=1, keepdims=True)
    edges = [np.linspace(0.0, 1.0, bins + 1)]
    count, _ = np.histogramdd(x, bins=edges)
    acc = binned_statistic_dd(x, matched, statistic="mean", bins=edges).statistic
    conf = binned_statistic_dd(x, x[:, 0], statistic="mean", bins=edges).statistic
    acc[count < 1] = np.nan
    conf[count < 1] = np.nan
    gap = np.abs(np.nan_to_num(acc, nan=0.0) - np.nan_to_num(conf, nan=0.0))
    return float(np.sum(gap * (count / np.sum(count)))), float(np.max(gap)), count.tolist()


def guo(p, y, bins):
    pred = np.argmax(p, axis=1)
    conf = p[np.arange(len(p)), pred]
    hit = (pred == y).astype(np.float64)
    index = np.minimum(np.searchsorted(np.arange(1, bins + 1) / bins, conf, side="left"), bins - 1)
    ece, mce, counts = 0.0, 0.0, []
    for m in range(bins):
        inside = index == m
        counts.append(float(inside.sum()))
        if inside.any():
            gap = abs(hit[inside].mean() - conf[inside].mean())
            ece += inside.sum() / len(p) * gap
            mce = max(mce, gap)
    return ece, mce, counts


def main():
    request = json.load(sys.stdin)
    import torch

    check = {m: bool(torch.equal(torch.linspace(0, 1, m + 1), torch2_linspace(m))) for m in (10, 15)}
    results = []
    for case in request["cases"]:
        p = np.asarray(case["probs"], dtype=np.float64)
        y = np.asarray(case["labels"], dtype=np.int64)
        run = {"torchmetrics": torchmetrics, "netcal": netcal, "guo": guo}[case["convention"]]
        out = run(p, y, case["bins"])
        if out is None:
            results.append({"id": case["id"], "error": "refused"})
        else:
            results.append({"id": case["id"], "ece": out[0], "mce": out[1], "counts": out[2]})
    edges = {str(m): torch2_linspace(m).tolist() for m in range(1, 101)}
    json.dump({"results": results, "torch113_agrees": check, "edges": edges}, sys.stdout)


if __name__ == "__main__":
    main()
