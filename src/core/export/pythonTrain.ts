// The exported project's train.py: the command line, its checks before torch loads (written out as is).
export const TRAIN_PY = String.raw`"""Repeats a gamma-CE Lab experiment in PyTorch, on one process or under torchrun (see README.md).

    python train.py --out OUT [--device cpu|cuda] [--data PATH]
    torchrun --nproc_per_node=N train.py --out OUT [--device cpu|cuda]
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main():
    parser = argparse.ArgumentParser(description="Repeats a gamma-CE Lab experiment in PyTorch.")
    parser.add_argument("--out", required=True, help="a new (or empty) folder for report.json and the predictions")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--data", help="the dataset file, if it is no longer where it was at the export")
    args = parser.parse_args()
    with open(os.path.join(HERE, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    data_path = args.data or os.path.normpath(os.path.join(HERE, config["dataset"]["path"]))
    if os.path.isdir(args.out) and os.listdir(args.out):
        sys.exit(f"train.py: {args.out} already exists and is not empty; choose a new --out folder")
    if not os.path.isfile(data_path):
        sys.exit(f"train.py: cannot find the dataset {data_path}: it was moved or deleted since the export; pass --data PATH")
    try:
        import gce_train
    except ImportError as missing:
        sys.exit(f"train.py: {missing.name} is not installed; this project needs torch and numpy")
    gce_train.train_all(args, config, data_path)


if __name__ == "__main__":
    main()
`;
