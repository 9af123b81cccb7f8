"""The exported project's encoding of its dataset (gce_data.py, no torch) and its batch orders.

Input (stdin, JSON): {"project": DIR, "permutations": [[rows, seed, epoch], ...]}.
Output: {"splits": {seed: {split: {"x": [[...]], "y": [...]}}}, "permutations": [[...], ...]}.
"""
import json
import os
import sys

request = json.load(sys.stdin)
sys.path.insert(0, request["project"])
from gce_data import load_splits  # noqa: E402
from gce_metrics import epoch_permutation  # noqa: E402

with open(os.path.join(request["project"], "config.json"), encoding="utf-8") as f:
    config = json.load(f)
splits = load_splits(config, os.path.join(request["project"], config["dataset"]["path"]))
out = {
    str(seed): {name: {"x": x.astype(float).tolist(), "y": y.tolist()} for name, (x, y) in split.items()}
    for seed, split in splits.items()
}
perms = [epoch_permutation(*p).tolist() for p in request.get("permutations", [])]
json.dump({"splits": out, "permutations": perms}, sys.stdout)
