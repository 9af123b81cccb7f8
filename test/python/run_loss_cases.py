"""Runs rendered loss snippets on given inputs; driven by test/unit/snippetsPython.test.ts.

stdin: {"framework": "pytorch" | "numpy", "cases": [{"id", "code", "function", "logits", "labels",
  "kwargs"?, "dtype"?}]} where "code" is the snippet with its imports, γ and b written in as the
  defaults; "kwargs" go to the call; the logits are float64 unless "dtype" names another.
stdout: {"results": [{"id", "value", "grad", "dtype"} or {"id", "error"}]}, grad flattened like
  the logits; a non-finite number is written as a string ("nan", "inf").
Exit 3 with a message on stderr when the framework is not importable.
"""
import json
import math
import sys


def number(x):
    x = float(x)
    return x if math.isfinite(x) else repr(x)


def flat(values):
    out = []
    for v in values:
        out.extend(flat(v) if isinstance(v, list) else [number(v)])
    return out


def run_pytorch(fn, logits, labels, kwargs, dtype):
    import torch

    z = torch.tensor(logits, dtype=getattr(torch, dtype), requires_grad=True)
    loss = fn(z, torch.tensor(labels, dtype=torch.int64), **kwargs)
    loss.backward()
    return loss.item(), z.grad.tolist(), str(loss.dtype).replace("torch.", "")


def run_numpy(fn, logits, labels, kwargs, dtype):
    import numpy as np

    loss, grad = fn(np.array(logits, dtype=dtype), np.array(labels, dtype=np.int64), **kwargs)
    return float(loss), grad.tolist(), str(np.asarray(loss).dtype)


RUNNERS = {"pytorch": ("torch", run_pytorch), "numpy": ("numpy", run_numpy)}


def main():
    request = json.load(sys.stdin)
    module, run = RUNNERS[request["framework"]]
    try:
        __import__(module)
    except ImportError as error:
        sys.stderr.write(f"{sys.executable} cannot import {module}: {error}\n")
        sys.exit(3)
    results = []
    for case in request["cases"]:
        namespace = {}
        exec(compile(case["code"], case["id"], "exec"), namespace)
        fn = namespace[case["function"]]
        try:
            kwargs = {name: float(v) for name, v in case.get("kwargs", {}).items()}
            value, grad, dtype = run(fn, case["logits"], case["labels"], kwargs, case.get("dtype", "float64"))
        except Exception as error:  # reported to the test, which says what it expected
            results.append({"id": case["id"], "error": f"{type(error).__name__}: {error}"})
            continue
        results.append({"id": case["id"], "value": number(value), "grad": flat(grad), "dtype": dtype})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
