"""PyTorch twin of `gamma-ce train FILE --model mlp --hidden 256 --batch 128 --epochs 10` for `npm run bench:scale`.

The same work, file to report: pandas.read_csv, features standardised on the training split, a seeded
70/15/15 split, MLP F->256->10 (ReLU) trained with Adam (lr 1e-3) in batches of 128 for 10 epochs with CE
and with gamma-CE (gamma = 0.1) from the same initial weights; after every epoch the validation and test
accuracy, NLL and ECE (15 bins); at the end the test report (accuracy, ECE, MCE, adaptive ECE, NLL,
Brier). Usage: /usr/bin/python3 bench/torch_scale.py FILE [THREADS]; THREADS 0 (default) keeps PyTorch's
default thread count. Prints one JSON line: the seconds after imports, the threads, the runs' test metrics.
"""
import json
import math
import sys
import time

import numpy as np
import pandas as pd
import torch

GAMMA, HIDDEN, BATCH, EPOCHS, LR, BINS, SEED = 0.1, 256, 128, 10, 1e-3, 15, 0


def gamma_cross_entropy(logits, labels):
    logpy = torch.log_softmax(logits, dim=1).gather(1, labels[:, None])[:, 0]
    log_mix = torch.logaddexp(torch.full_like(logpy, math.log(GAMMA)), logpy + math.log1p(-GAMMA))
    return (-log_mix / (1 - GAMMA)).mean()


def metrics(logits, labels, full=False):
    probs = torch.softmax(logits.double(), dim=1)
    conf, pred = probs.max(dim=1)
    correct = (pred == labels).double()
    nll = -torch.log(probs.gather(1, labels[:, None])[:, 0].clamp_min(1e-300)).mean().item()
    bins = torch.clamp((conf * BINS).long(), max=BINS - 1)
    counts = torch.bincount(bins, minlength=BINS).double()
    gaps = (torch.bincount(bins, conf, BINS) - torch.bincount(bins, correct, BINS)).abs()
    out = {"accuracy": correct.mean().item(), "nll": nll, "ece": (gaps.sum() / len(labels)).item()}
    if full:
        nonempty = counts > 0
        out["mce"] = (gaps[nonempty] / counts[nonempty]).max().item()
        order = torch.argsort(conf)
        chunks = torch.tensor_split(order, BINS)
        out["adaptiveEce"] = sum((conf[c] - correct[c]).sum().abs().item() for c in chunks) / len(labels)
        onehot = torch.nn.functional.one_hot(labels, probs.shape[1]).double()
        out["brier"] = ((probs - onehot) ** 2).sum(dim=1).mean().item()
    return out


def train(loss_fn, initial, x, y, xv, yv, xt, yt):
    model = torch.nn.Sequential(torch.nn.Linear(x.shape[1], HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 10))
    model.load_state_dict(initial)
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    history = []
    for epoch in range(EPOCHS):
        order = torch.randperm(len(x), generator=torch.Generator().manual_seed(SEED + epoch))
        total = 0.0
        for start in range(0, len(x), BATCH):
            rows = order[start:start + BATCH]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[rows]), y[rows])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(rows)
        with torch.no_grad():
            history.append({"trainLoss": total / len(x), "val": metrics(model(xv), yv), "test": metrics(model(xt), yt)})
    with torch.no_grad():
        return {"history": history, "test": metrics(model(xt), yt, full=True)}


def main():
    t0 = time.perf_counter()
    if len(sys.argv) > 2 and int(sys.argv[2]) > 0:
        torch.set_num_threads(int(sys.argv[2]))
    frame = pd.read_csv(sys.argv[1])
    labels = frame.pop("label").to_numpy()
    classes, y_all = np.unique(labels, return_inverse=True)
    x_all = frame.to_numpy(dtype=np.float32)
    order = np.random.default_rng(SEED).permutation(len(x_all))
    n_train, n_val = round(0.7 * len(x_all)), round(0.15 * len(x_all))
    parts = [order[:n_train], order[n_train:n_train + n_val], order[n_train + n_val:]]
    mean, std = x_all[parts[0]].mean(axis=0), x_all[parts[0]].std(axis=0)
    x_all = (x_all - mean) / np.where(std > 0, std, 1)
    (x, y), (xv, yv), (xt, yt) = [(torch.from_numpy(x_all[p]), torch.from_numpy(y_all[p]).long()) for p in parts]
    torch.manual_seed(SEED)
    initial = torch.nn.Sequential(
        torch.nn.Linear(x.shape[1], HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, len(classes))
    ).state_dict()
    runs = {
        "CE": train(torch.nn.functional.cross_entropy, initial, x, y, xv, yv, xt, yt),
        "gamma-CE": train(gamma_cross_entropy, initial, x, y, xv, yv, xt, yt),
    }
    seconds = time.perf_counter() - t0
    tests = {name: run["test"] for name, run in runs.items()}
    print(json.dumps({"seconds": seconds, "threads": torch.get_num_threads(), "torch": torch.__version__, "test": tests}))


if __name__ == "__main__":
    main()
