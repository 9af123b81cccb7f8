"""60-digit mpmath values and gradients of the snippet losses; driven by test/unit/snippetCases.ts.

Straight from the definitions, with no log-space tricks: p = softmax(z) in 60 digits,
  closed:   -log(gamma + (1 - gamma) * p_y) / (1 - gamma)   (1 - p_y at gamma = 1)
  tailr:    -w * log p_y,  w = max(b, p_y / (gamma + (1 - gamma) * p_y))
  sequence: tailr over the tokens whose label is not ignore_index, summed and divided by their
            count (at least 1)
and the gradient w * (softmax - onehot) / count, with w = p_y / (gamma + (1 - gamma) * p_y) for
the closed form (the weight is held constant for TaiLr), 0 at padding.

stdin: {"cases": [{"id", "form", "gamma", "threshold", "logits", "labels", "ignore_index"}]}
stdout: {"results": {id: {"value", "grad"}}}, rounded to the nearest float64, grad flattened.
"""
import json
import sys

try:
    import mpmath
except ImportError as error:  # python3-torch brings it on Debian, through python3-sympy
    sys.exit(f"{sys.executable} cannot import mpmath ({error}): apt-get install -y python3-mpmath")

mpmath.mp.dps = 60


def row_terms(z, y, gamma, threshold, form):
    z = [mpmath.mpf(v) for v in z]
    top = max(z)
    exps = [mpmath.exp(v - top) for v in z]
    total = mpmath.fsum(exps)
    probs = [e / total for e in exps]
    p = probs[y]
    gamma = mpmath.mpf(gamma)
    mix = gamma + (1 - gamma) * p
    ratio = p / mix
    if form == "closed":
        loss = 1 - p if gamma == 1 else -mpmath.log(mix) / (1 - gamma)
        weight = ratio
    else:
        weight = max(mpmath.mpf(threshold), ratio)
        loss = -weight * mpmath.log(p)
    grad = [weight * (q - (1 if j == y else 0)) for j, q in enumerate(probs)]
    return loss, grad


def reference(case):
    form = case["form"]
    if form == "sequence":
        rows = [row for seq in case["logits"] for row in seq]
        labels = [label for seq in case["labels"] for label in seq]
    else:
        rows, labels = case["logits"], case["labels"]
    real = [label != case.get("ignore_index", -100) or form != "sequence" for label in labels]
    count = max(sum(real), 1)
    value = mpmath.mpf(0)
    grad = []
    for z, y, keep in zip(rows, labels, real):
        if not keep:
            grad.extend([0.0] * len(z))
            continue
        loss, g = row_terms(z, y, case["gamma"], case["threshold"], form)
        value += loss
        grad.extend(float(v / count) for v in g)
    return {"value": float(value / count), "grad": grad}


def main():
    request = json.load(sys.stdin)
    json.dump({"results": {c["id"]: reference(c) for c in request["cases"]}}, sys.stdout)


if __name__ == "__main__":
    main()
