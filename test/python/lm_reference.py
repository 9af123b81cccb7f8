"""Independent NumPy reference for the language-model lab (src/core/lm): the causal Transformer's
forward pass, held-out metrics (bits/char, accuracy, top-label ECE with Guo et al.'s equal-width
bins), unigram entropy, and rep-n / distinct-n over whitespace-separated words.
Reads one JSON object on stdin, writes one on stdout."""
import json
import math
import sys

import numpy as np


def layer_norm(x, g, b):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + 1e-5) * g + b


def forward(case):
    s = case["shape"]
    V, T, L, D, H = s["vocab"], s["context"], s["layers"], s["dim"], s["heads"]
    w = [np.array(a, dtype=np.float64) for a in case["weights"]]
    ids = np.array(case["ids"])
    B, t = ids.shape
    x = w[0].reshape(V, D)[ids] + w[1].reshape(T, D)[:t]
    dh = D // H
    mask = np.triu(np.ones((t, t)), 1) * -1e9
    for l in range(L):
        g1, b1, qkv, proj, g2, b2, fc1, fc1b, fc2, fc2b = w[2 + 10 * l : 12 + 10 * l]
        qkv_out = layer_norm(x, g1, b1) @ qkv.reshape(D, 3 * D)
        q, k, v = np.split(qkv_out, 3, axis=-1)
        heads = lambda a: a.reshape(B, t, H, dh).transpose(0, 2, 1, 3)
        scores = heads(q) @ heads(k).transpose(0, 1, 3, 2) / math.sqrt(dh) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        att = scores / scores.sum(-1, keepdims=True)
        merged = (att @ heads(v)).transpose(0, 2, 1, 3).reshape(B, t, D)
        x = x + merged @ proj.reshape(D, D)
        hidden = np.maximum(layer_norm(x, g2, b2) @ fc1.reshape(D, 4 * D) + fc1b, 0)
        x = x + hidden @ fc2.reshape(4 * D, D) + fc2b
    n = len(w)
    logits = layer_norm(x, w[n - 4], w[n - 3]) @ w[n - 2].reshape(D, V) + w[n - 1]
    return logits.reshape(B * t, V).tolist()


def metrics(case):
    p = np.array(case["probs"], dtype=np.float64)
    y = np.array(case["labels"])
    M = 15
    bits = float(np.mean(-np.log2(p[np.arange(len(y)), y])))
    pred = p.argmax(1)
    conf = p.max(1)
    hit = (pred == y).astype(float)
    idx = np.clip(np.ceil(conf * M).astype(int), 1, M) - 1
    ece = 0.0
    for m in range(M):
        sel = idx == m
        if sel.any():
            ece += sel.mean() * abs(hit[sel].mean() - conf[sel].mean())
    return {"bitsPerChar": bits, "perplexity": 2**bits, "accuracy": float(hit.mean()), "ece": ece}


def rep_stats(texts):
    toks = [t.split() for t in texts]
    out = {"rep": {}, "distinct": {}}
    for n in (2, 3, 4):
        reps, pooled = [], []
        for t in toks:
            grams = [tuple(t[i : i + n]) for i in range(len(t) - n + 1)]
            reps.append(1 - len(set(grams)) / len(grams) if grams else 0.0)
            pooled += grams
        out["rep"][str(n)] = float(np.mean(reps))
        out["distinct"][str(n)] = len(set(pooled)) / len(pooled) if pooled else 0.0
    return out


def unigram(text):
    chars, counts = np.unique(list(text), return_counts=True)
    f = counts / counts.sum()
    return float(-(f * np.log2(f)).sum())


case = json.load(sys.stdin)
print(
    json.dumps(
        {
            "logits": forward(case["forward"]),
            "metrics": metrics(case["metrics"]),
            "repetition": rep_stats(case["texts"]),
            "unigram": unigram(case["unigramText"]),
        }
    )
)
