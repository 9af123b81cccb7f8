// The exported project's gce_train.py: the training loop, one process or torchrun (written out as is).
export const GCE_TRAIN_PY = String.raw`"""The training of the exported experiment: the lab's model, Adam, batch order and early stopping, in torch."""
import argparse
import json
import math
import os
import sys

import numpy as np
import torch
import torch.distributed as dist

from gce_data import DataError, load_splits
from gce_losses import loss_rows
from gce_metrics import calibration, epoch_permutation, fit_temperature, gamma_at, softmax

HERE = os.path.dirname(os.path.abspath(__file__))


class Mlp(torch.nn.Module):
    """x @ W + b per layer, ReLU between: the lab's parameters as they are ([in, out] weights)."""

    def __init__(self, params):
        super().__init__()
        self.params = torch.nn.ParameterList([torch.nn.Parameter(p.clone()) for p in params])

    def forward(self, x):
        layers = len(self.params) // 2
        for l in range(layers):
            x = x @ self.params[2 * l] + self.params[2 * l + 1]
            if l + 1 < layers:
                x = torch.relu(x)
        return x


class Adam:
    """tf.train.adam's rule as the lab's kernel computes it: float64 arithmetic, float32 state, eps 1e-7,
    p <- p - lr/(1 - b1^t) * m / (sqrt(v/(1 - b2^t)) + eps), weight decay lam*W added to the gradient."""

    def __init__(self, params, lr, l2, beta1=0.9, beta2=0.999, eps=1e-7):
        self.params, self.lr, self.l2 = list(params), lr, l2
        self.beta1, self.beta2, self.eps, self.step = beta1, beta2, eps, 0
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]

    @torch.no_grad()
    def update(self):
        self.step += 1
        step_size = self.lr / (1 - self.beta1**self.step)
        c2 = 1 - self.beta2**self.step
        for i, p in enumerate(self.params):
            g = p.grad.double() + self.l2[i] * p.double()
            m = self.beta1 * self.m[i].double() + (1 - self.beta1) * g
            v = self.beta2 * self.v[i].double() + (1 - self.beta2) * g * g
            p.copy_((p.double() - step_size * m / (torch.sqrt(v / c2) + self.eps)).float())
            self.m[i], self.v[i] = m.float(), v.float()


class World:
    """One process, or a torchrun process group (gloo on CPU, nccl on CUDA)."""

    def __init__(self, device):
        self.size = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        local = int(os.environ.get("LOCAL_RANK", "0"))
        if device == "cuda":
            if not torch.cuda.is_available():
                raise SystemExit("train.py: --device cuda was asked for, but torch sees no CUDA device")
            self.device = torch.device("cuda", local % torch.cuda.device_count())
            torch.cuda.set_device(self.device)
        else:
            self.device = torch.device("cpu")
        if self.size > 1:
            dist.init_process_group("nccl" if device == "cuda" else "gloo")

    def sum(self, values):
        """The sum over the processes of a float64 array (a sum of one process's values alone)."""
        t = torch.tensor(np.asarray(values, dtype=np.float64), device=self.device)
        if self.size > 1:
            dist.all_reduce(t)
        return t.cpu().numpy()

    def close(self):
        if self.size > 1:
            dist.destroy_process_group()


def logits_of(model, x, world):
    """Full logits of a split: each process computes its share of the rows, summed over the processes."""
    rows = x.shape[0]
    out = np.zeros((rows, model.params[-1].shape[0]), dtype=np.float64)
    share = np.arange(world.rank, rows, world.size)
    with torch.no_grad():
        out[share] = model(torch.from_numpy(x[share]).to(world.device)).double().cpu().numpy()
    return world.sum(out).astype(np.float32)


def train_run(run, experiment, data, config, world):
    c = config["train"]
    with open(os.path.join(HERE, experiment["weights"]), encoding="utf-8") as f:
        saved = json.load(f)
    weights = [torch.tensor(np.array(v, dtype=np.float32).reshape(s)) for v, s in zip(saved["values"], saved["shapes"])]
    model = Mlp(weights).to(world.device)
    net = torch.nn.parallel.DistributedDataParallel(model) if world.size > 1 else model
    l2 = [c["weightDecay"] if i % 2 == 0 else 0.0 for i in range(len(weights))]
    optimizer = Adam(model.params, c["learningRate"], l2)
    (x_train, y_train), validation, test = data["train"], data["validation"], data["test"]
    if experiment.get("trainLabels") is not None:
        y_train = np.array(experiment["trainLabels"], dtype=np.int64)
    x_all = torch.from_numpy(x_train).to(world.device)
    y_all = torch.from_numpy(y_train).to(world.device)
    rows, batch = x_train.shape[0], c["batchSize"]
    history, best, status, message = [], None, "ok", None
    for epoch in range(c["epochs"]):
        gamma = 0.0 if run["gamma"] is None else gamma_at(run.get("schedule", c["schedule"]), run["gamma"], epoch, c["epochs"])
        order = epoch_permutation(rows, experiment["seed"], epoch)
        total = 0.0
        for start in range(0, rows, batch):
            # The global batch of the lab, in its order; each process takes every size-th row of it.
            chosen = order[start : start + batch]
            size = len(chosen)
            mine = torch.from_numpy(chosen[world.rank :: world.size]).to(world.device)
            for p in model.params:
                p.grad = None
            per_row = loss_rows(run, net(x_all[mine]).double(), y_all[mine], gamma)
            batch_sum = per_row.sum()
            # DDP averages the gradients: scaled so that the average is that of the global batch's mean.
            (batch_sum * (world.size / size)).backward()
            with torch.no_grad():
                penalty = sum(float((w.double() ** 2).sum()) for w in model.params[::2]) if c["weightDecay"] else 0.0
            total += float(batch_sum) + penalty * (c["weightDecay"] / 2) * size / world.size
            optimizer.update()
        train_loss = float(world.sum([total])[0]) / rows
        if not math.isfinite(train_loss):
            status = "diverged"
            message = f"{run['name']} diverged in epoch {epoch + 1} (training loss {train_loss}); try a learning rate lower than {c['learningRate']}"
            break
        val = calibration(softmax(logits_of(model, validation[0], world)), validation[1], full=False)
        tst = calibration(softmax(logits_of(model, test[0], world)), test[1], full=False)
        record = {"epoch": epoch + 1, "gamma": 0.0 if run["gamma"] is None else gamma, "trainLoss": train_loss}
        record.update({"valAccuracy": val["accuracy"], "valNll": val["nll"], "valEce": val["ece"]})
        record.update({"testAccuracy": tst["accuracy"], "testNll": tst["nll"], "testEce": tst["ece"]})
        history.append(record)
        if c["patience"] > 0:
            if best is None or record["valNll"] < best[0]:
                best = (record["valNll"], [p.detach().clone() for p in model.params], epoch)
            elif epoch - best[2] >= c["patience"]:
                break
    if best is not None:
        with torch.no_grad():
            for p, saved in zip(model.params, best[1]):
                p.copy_(saved)
    report = {k: run[k] for k in ("name", "loss", "gamma", "threshold")}
    report.update({"status": status, "epochs": len(history), "history": history})
    if status != "ok" or not history:
        report.update({"status": "failed" if status == "ok" else status, "message": message, "test": None})
        return report, None
    logits = (logits_of(model, validation[0], world), logits_of(model, test[0], world))
    probs = softmax(logits[1])
    report["test"] = calibration(probs, test[1])
    return report, (logits, probs)


def temperature_run(run, base_index, base, data):
    report = {k: base[0][k] if base else run[k] for k in ("loss", "gamma", "threshold")}
    report.update({"name": run["name"], "baseRun": base_index})
    if not base or base[1] is None:
        report.update({"status": "failed", "message": f"{run['temperatureOf']} has no model to re-calibrate"})
        report.update({"epochs": 0, "history": [], "test": None})
        return report, None
    (val_logits, test_logits), _ = base[1]
    temperature = fit_temperature(val_logits, data["validation"][1])
    probs = softmax(test_logits, temperature)
    report.update({"status": "ok", "temperature": temperature, "epochs": base[0]["epochs"], "history": []})
    report["test"] = calibration(probs, data["test"][1])
    return report, (None, probs)


def predictions_csv(path, classes, probs, labels):
    def field(text):
        return '"' + text.replace('"', '""') + '"' if any(ch in text for ch in '",\n\r') else text

    with open(path, "x", encoding="utf-8", newline="") as f:
        f.write(",".join([field(c) for c in classes] + ["label"]) + "\n")
        for row, label in zip(probs, labels):
            f.write(",".join([repr(float(p)) for p in row] + [field(classes[label])]) + "\n")


def finite(value):
    """JSON as JavaScript writes it: NaN and infinities become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite(v) for v in value]
    return value


def write_outputs(out, config, runs, predictions, world):
    os.makedirs(out, exist_ok=True)
    backend = f"torch-{world.device.type}" + (f" x{world.size}" if world.size > 1 else "")
    report = {**config["report"], "backend": backend, "runs": runs}
    if "study" in config:
        from gce_summary import study_fields

        report.update(study_fields(config, runs))
    with open(os.path.join(out, "report.json"), "x", encoding="utf-8") as f:
        json.dump(finite(report), f, indent=2, ensure_ascii=False)
        f.write("\n")
    classes = config["schema"]["classes"]
    for file, probs, labels in predictions:
        predictions_csv(os.path.join(out, file), classes, probs, labels)
    print(f"wrote {os.path.join(out, 'report.json')} and {len(predictions)} predictions file(s)")


def train_all(args, config, data_path):
    """Trains every run of every experiment; rank 0 writes the outputs."""
    torch.use_deterministic_algorithms(True, warn_only=True)
    world = World(args.device)
    try:
        splits = load_splits(config, data_path)
    except DataError as error:
        world.close()
        sys.exit(f"train.py: {error}")
    runs, predictions = [], []
    for experiment in config["experiments"]:
        data = splits[experiment["splitSeed"]]
        done = {}
        for index, run in enumerate(config["runs"]):
            if run.get("temperatureOf"):
                base_index = next(i for i, r in enumerate(config["runs"]) if r["name"] == run["temperatureOf"])
                report, result = temperature_run(run, base_index, done.get(run["temperatureOf"]), data)
            else:
                report, result = train_run(run, experiment, data, config, world)
                done[run["name"]] = (report, result)
            if world.rank == 0:
                accuracy = report["test"]["accuracy"] if report["test"] else float("nan")
                print(f"{run['name']} (seed {experiment['seed']}): {report['status']}, test accuracy {accuracy:.4f}", flush=True)
            runs.append({**report, **experiment["tags"]})
            if result is not None:
                predictions.append((experiment["files"][index], result[-1], data["test"][1]))
    if world.rank == 0:
        write_outputs(args.out, config, runs, predictions, world)
    world.close()
`;
