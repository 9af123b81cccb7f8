"""PyTorch (CPU) reference for `npm run bench`: the same config as bench/trainSpeed.ts.

8,192 rows x 32 standard-normal features, 10 classes, MLP 32->64->10 (ReLU), batch 256, Adam lr 1e-3,
5 epochs after one warm-up epoch, gamma = 0.1; samples/s for CE and gamma-CE, best of BENCH_REPEATS.
Run with Debian's python3-torch: /usr/bin/python3 bench/torch_reference.py [THREADS]; THREADS 0 keeps
PyTorch's default thread count, default 1. The last line is the same figures as JSON.
"""
import json
import math
import os
import sys
import time

import torch

ROWS, FEATURES, CLASSES, HIDDEN, BATCH, EPOCHS, GAMMA = 8192, 32, 10, 64, 256, 5, 0.1
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))


def cross_entropy(logits, labels):
    return torch.nn.functional.cross_entropy(logits, labels)


def gamma_cross_entropy(logits, labels):
    logpy = torch.log_softmax(logits, dim=1).gather(1, labels[:, None])[:, 0]
    # log(gamma + (1 - gamma) p_y) in log space, as src/core/loss.ts computes it.
    log_mix = torch.logaddexp(torch.full_like(logpy, math.log(GAMMA)), logpy + math.log1p(-GAMMA))
    return (-log_mix / (1 - GAMMA)).mean()


def samples_per_second(loss_fn, x, y):
    best = 0.0
    for repeat in range(REPEATS):
        torch.manual_seed(repeat)
        model = torch.nn.Sequential(
            torch.nn.Linear(FEATURES, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, CLASSES)
        )
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

        def epoch():
            order = torch.randperm(ROWS)
            xs, ys = x[order], y[order]
            for start in range(0, ROWS, BATCH):
                optimizer.zero_grad(set_to_none=True)
                loss = loss_fn(model(xs[start:start + BATCH]), ys[start:start + BATCH])
                loss.backward()
                optimizer.step()

        epoch()  # warm-up
        t0 = time.perf_counter()
        for _ in range(EPOCHS):
            epoch()
        best = max(best, ROWS * EPOCHS / (time.perf_counter() - t0))
    return best


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    if threads > 0:
        torch.set_num_threads(threads)
    generator = torch.Generator().manual_seed(7)
    x = torch.randn(ROWS, FEATURES, generator=generator)
    y = torch.randint(0, CLASSES, (ROWS,), generator=generator)
    ce = samples_per_second(cross_entropy, x, y)
    gce = samples_per_second(gamma_cross_entropy, x, y)
    threads = torch.get_num_threads()
    print(f"PyTorch {torch.__version__} ({threads} thread{'s' if threads > 1 else ''}), best of {REPEATS}")
    print(f"torch CE {round(ce):>9,} samples/s   gamma-CE {round(gce):>9,} samples/s   gamma-CE/CE {gce / ce:.3f}")
    print(json.dumps({"threads": threads, "ce": ce, "gce": gce}))


if __name__ == "__main__":
    main()
