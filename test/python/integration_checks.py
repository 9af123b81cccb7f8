"""Executes the PyTorch integration snippets; driven by test/unit/snippetsIntegrations.test.ts.

argv[1]: a directory holding the snippets as inserted into empty files: module.py (GammaCELoss),
trainer.py (GammaCETrainer), lightning_module.py (GammaCELightningModule) and closed.py,
tailr.py, sequence.py (the functional PyTorch snippets). transformers and lightning are not
installed here: this script writes minimal stand-ins for them into that directory first (a
Trainer base class whose training_step follows the library's gradient-accumulation rule, a
LightningModule that records self.log).

The references are written here from the definitions, in float64, with autograd:
    p = softmax(z), mix = gamma + (1 - gamma)·p_y,
    gamma-CE: -log(mix) / (1 - gamma) (1 - p_y at gamma = 1),
    TaiLr: -max(b, p_y / mix)·log p_y with the weight computed from detached probabilities.

stdout: {"checks": {name: {"error": relative or absolute difference, ...}}, "values": {...}}
(the test holds the bounds). Exit 3 when torch cannot be imported.
"""
import json
import os
import sys
import textwrap

try:
    import torch
except ImportError as error:  # pragma: no cover - reported by the test
    sys.stderr.write(f"{sys.executable} cannot import torch: {error}\n")
    sys.exit(3)

FAKE_TRANSFORMERS = '''
"""A stand-in for transformers.Trainer: what GammaCETrainer touches, and training_step's rule
(transformers >= 4.48): divide by the accumulation steps unless the model accepts loss kwargs
and num_items_in_batch is given."""


class _Accelerator:
    def __init__(self, num_processes):
        self.num_processes = num_processes


class _Args:
    def __init__(self, average_tokens_across_devices=False):
        self.average_tokens_across_devices = average_tokens_across_devices


class Trainer:
    def __init__(self, model=None, args=None, num_processes=1):
        self.model = model
        self.args = args if args is not None else _Args()
        self.accelerator = _Accelerator(num_processes)
        self.model_accepts_loss_kwargs = False
        self.compute_loss_func = None

    def training_step(self, model, inputs, num_items_in_batch=None, accumulation_steps=1):
        loss = self.compute_loss(model, dict(inputs), num_items_in_batch=num_items_in_batch)
        if (not self.model_accepts_loss_kwargs or num_items_in_batch is None) and self.compute_loss_func is None:
            loss = loss / accumulation_steps
        loss.backward()
        return loss.detach()
'''

FAKE_LIGHTNING = '''
"""A stand-in for lightning.LightningModule: an nn.Module whose log() records the values."""
import torch


class LightningModule(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.logged = {}

    def log(self, name, value, **options):
        self.logged[name] = (float(value), options)
'''


def write_fakes(directory):
    os.makedirs(os.path.join(directory, "transformers"), exist_ok=True)
    os.makedirs(os.path.join(directory, "lightning"), exist_ok=True)
    with open(os.path.join(directory, "transformers", "__init__.py"), "w") as f:
        f.write(textwrap.dedent(FAKE_TRANSFORMERS))
    with open(os.path.join(directory, "lightning", "__init__.py"), "w") as f:
        f.write(textwrap.dedent(FAKE_LIGHTNING))


def load(directory, name):
    namespace = {"__name__": name}
    path = os.path.join(directory, f"{name}.py")
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), namespace)
    return namespace


# ---- the float64 reference ----


def reference_elements(z, target, gamma, threshold, ignore_index):
    """Per-target loss of [M, C] scores (no weight, no smoothing), 0 where ignored."""
    mask = target != ignore_index
    safe = torch.where(mask, target, torch.zeros_like(target))
    p_all = torch.softmax(z, dim=-1)
    p = p_all.gather(-1, safe.unsqueeze(-1)).squeeze(-1)
    return torch.where(mask, per_class(p, gamma, threshold), torch.zeros_like(p)), mask, p_all


def per_class(p, gamma, threshold):
    mix = gamma + (1.0 - gamma) * p
    if threshold is not None:
        w = torch.clamp(p.detach() / mix.detach(), min=threshold)
        return -w * torch.log(p)
    if gamma == 1.0:
        return 1.0 - p
    return -torch.log(mix) / (1.0 - gamma)


def reference(z, target, gamma, threshold, weight, ignore_index, reduction, smoothing):
    """GammaCELoss from the definition, for [N, C, ...] scores (class axis 1) or [C]."""
    shape = target.shape
    if z.dim() == 1:
        z, target = z.unsqueeze(0), target.unsqueeze(0)
    elif z.dim() > 2:
        z = z.movedim(1, -1)
    z = z.reshape(-1, z.shape[-1])
    target = target.reshape(-1)
    loss, mask, p_all = reference_elements(z, target, gamma, threshold, ignore_index)
    safe = torch.where(mask, target, torch.zeros_like(target))
    w_t = mask.double() if weight is None else weight[safe] * mask.double()
    loss = loss * w_t
    if smoothing:
        c = per_class(p_all, gamma, threshold)
        if weight is not None:
            c = c * weight
        loss = (1 - smoothing) * loss + smoothing * torch.where(mask, c.mean(-1), torch.zeros_like(loss))
    if reduction == "none":
        return loss.reshape(shape)
    if reduction == "sum":
        return loss.sum()
    return loss.sum() / w_t.sum()


def rel_error(a, b):
    a, b = a.detach().double(), b.detach().double()
    both_nan = torch.isnan(a) & torch.isnan(b)
    diff = torch.where(both_nan, torch.zeros_like(a), (a - b).abs())
    scale = b.abs().max().item() if b.numel() else 0.0
    return float(diff.max().item() / scale) if scale > 0 else float(diff.max().item()) if diff.numel() else 0.0


def value_errors(cases):
    """{label: the ValueError's message, or None when the call did not raise one}."""
    errors = {}
    for label, make in cases:
        try:
            make()
            errors[label] = None
        except ValueError as error:
            errors[label] = str(error)
    return errors


def value_and_grad(fn, z):
    z = z.clone().requires_grad_(True)
    out = fn(z)
    grad = torch.autograd.grad(out.sum(), z, allow_unused=True)[0]
    return out, (torch.zeros_like(z) if grad is None else grad)


# ---- GammaCELoss ----


def shape_cases(generator):
    c = 5
    cases = []
    for name, input_shape in [("(N, C)", (7, c)), ("(N, C, d)", (3, c, 4)), ("(N, C, d1, d2)", (2, c, 3, 2)), ("(C)", (c,))]:
        z = torch.randn(input_shape, generator=generator, dtype=torch.float64) * 3
        target_shape = input_shape[:1] + input_shape[2:] if len(input_shape) > 1 else ()
        target = torch.randint(0, c, target_shape, generator=generator)
        if target.dim() > 0:
            flat = target.view(-1)
            flat[1] = -100
            flat[2] = 2
        cases.append((name, z, target))
    return cases


def module_checks(ns_module, ns_functional):
    GammaCELoss = ns_module["GammaCELoss"]
    generator = torch.Generator().manual_seed(5)
    weight = torch.rand(5, generator=generator, dtype=torch.float64) + 0.25
    checks = {}

    # gamma = 0 (and TaiLr with b = 0 at gamma = 0, whose weight is 1) is nn.CrossEntropyLoss.
    worst = {"value": 0.0, "grad": 0.0, "cases": 0}
    for name, z, with_padding in shape_cases(generator):
        for reduction in ("mean", "sum", "none"):
            for ignore_index in (-100, 2):
                target = with_padding.masked_fill(with_padding == -100, ignore_index)
                for w in (None, weight):
                    for smoothing in (0.0, 0.15):
                        for threshold in (None, 0.0):
                            options = dict(weight=w, ignore_index=ignore_index, reduction=reduction, label_smoothing=smoothing)
                            ours = GammaCELoss(gamma=0.0, threshold=threshold, **options)
                            theirs = torch.nn.CrossEntropyLoss(**options)
                            a, ga = value_and_grad(lambda x: ours(x, target), z)
                            b, gb = value_and_grad(lambda x: theirs(x, target), z)
                            if a.shape != b.shape:
                                raise AssertionError(f"{name} {reduction}: shape {tuple(a.shape)} != {tuple(b.shape)}")
                            worst["value"] = max(worst["value"], rel_error(a, b))
                            worst["grad"] = max(worst["grad"], rel_error(ga, gb))
                            worst["cases"] += 1
    checks["gamma = 0 equals nn.CrossEntropyLoss"] = worst

    # gamma > 0: the definition in float64 (values and autograd gradients), every option.
    worst = {"value": 0.0, "grad": 0.0, "float32 value": 0.0, "float32 grad": 0.0, "cases": 0}
    for name, z, target in shape_cases(generator):
        for gamma in (1e-7, 0.1, 0.5, 0.9, 1.0):
            for threshold in (None, 0.0, 0.2):
                for reduction in ("mean", "sum", "none"):
                    for w in (None, weight):
                        for smoothing in (0.0, 0.15):
                            options = dict(weight=w, reduction=reduction, label_smoothing=smoothing)
                            ours = GammaCELoss(gamma=gamma, threshold=threshold, **options)
                            a, ga = value_and_grad(lambda x: ours(x, target), z)
                            b, gb = value_and_grad(
                                lambda x: reference(x, target, gamma, threshold, w, -100, reduction, smoothing), z
                            )
                            worst["value"] = max(worst["value"], rel_error(a, b))
                            worst["grad"] = max(worst["grad"], rel_error(ga, gb))
                            a32, ga32 = value_and_grad(lambda x: ours(x, target), z.float())
                            worst["float32 value"] = max(worst["float32 value"], rel_error(a32, b))
                            worst["float32 grad"] = max(worst["float32 grad"], rel_error(ga32, gb))
                            worst["cases"] += 1
    checks["gamma > 0 equals the float64 definition"] = worst

    # The functional snippets on [N, C] (mean) and the sequence one on [B, T, V] with padding.
    worst = {"closed": 0.0, "tailr": 0.0, "sequence": 0.0, "cases": 0}
    z = torch.tensor([[1e4, -1e4, 0, 0], [0.5, 4, 0.25, 0], [40, 0, -1, 0], [0, 0, 0, 0]], dtype=torch.float64)
    target = torch.tensor([3, 1, 0, 2])
    logits3 = torch.randn(2, 3, 4, generator=generator, dtype=torch.float64) * 4
    labels3 = torch.tensor([[1, 3, -100], [0, -100, -100]])
    for dtype in (torch.float64, torch.float32):
        for gamma in (0.0, 1e-7, 0.1, 0.8, 1 - 1e-6, 1.0):
            zz = z.to(dtype)
            a, ga = value_and_grad(lambda x: GammaCELoss(gamma=gamma)(x, target), zz)
            b, gb = value_and_grad(lambda x: ns_functional["closed"]["gamma_ce_loss"](x, target, gamma=gamma), zz)
            worst["closed"] = max(worst["closed"], rel_error(a, b), rel_error(ga, gb))
            for threshold in (0.0, 0.2):
                a, ga = value_and_grad(lambda x: GammaCELoss(gamma=gamma, threshold=threshold)(x, target), zz)
                fn = ns_functional["tailr"]["tailr_loss"]
                b, gb = value_and_grad(lambda x: fn(x, target, gamma=gamma, threshold=threshold), zz)
                worst["tailr"] = max(worst["tailr"], rel_error(a, b), rel_error(ga, gb))
                seq = GammaCELoss(gamma=gamma, threshold=threshold)
                a, ga = value_and_grad(lambda x: seq(x.reshape(-1, 4), labels3.reshape(-1)), logits3.to(dtype))
                fn = ns_functional["sequence"]["tailr_sequence_loss"]
                b, gb = value_and_grad(lambda x: fn(x, labels3, gamma=gamma, threshold=threshold), logits3.to(dtype))
                worst["sequence"] = max(worst["sequence"], rel_error(a, b), rel_error(ga, gb))
            worst["cases"] += 1
    checks["equals the functional snippets"] = worst

    half = GammaCELoss(gamma=0.1)(torch.randn(4, 3).half(), torch.tensor([0, 1, 2, 1]))
    checks["half precision"] = {"dtype": str(half.dtype)}
    checks["errors"] = value_errors(
        [
        ("gamma", lambda: GammaCELoss(gamma=1.5)),
        ("threshold", lambda: GammaCELoss(threshold=-0.1)),
        ("reduction", lambda: GammaCELoss(reduction="avg")),
        ("label_smoothing", lambda: GammaCELoss(label_smoothing=2.0)),
        ("target", lambda: GammaCELoss()(torch.zeros(2, 3), torch.zeros(2, 3))),
        ]
    )
    return checks


# ---- Hugging Face Trainer ----


class TinyCausalLM(torch.nn.Module):
    """Token ids to next-token logits, returned in a dict like a ModelOutput."""

    def __init__(self, vocab, generator):
        super().__init__()
        self.embed = torch.nn.Parameter(torch.randn(vocab, 6, generator=generator, dtype=torch.float64))
        self.out = torch.nn.Parameter(torch.randn(6, vocab, generator=generator, dtype=torch.float64))
        self.seen = []

    def forward(self, input_ids, attention_mask=None):
        self.seen.append(sorted(k for k, v in (("attention_mask", attention_mask),) if v is not None))
        return {"logits": self.embed[input_ids] @ self.out}


def hand_token_losses(model, input_ids, labels, gamma, threshold):
    """Per-token reference losses and mask after the causal shift, from the logits."""
    with torch.no_grad():
        logits = model(input_ids)["logits"]
    z = logits[:, :-1, :].reshape(-1, logits.shape[-1])
    t = labels[:, 1:].reshape(-1)
    loss, mask, _ = reference_elements(z, t, gamma, threshold, -100)
    return loss, mask


def trainer_checks(ns):
    GammaCETrainer = ns["GammaCETrainer"]
    import transformers

    generator = torch.Generator().manual_seed(9)
    vocab = 7
    model = TinyCausalLM(vocab, generator)
    ids = torch.randint(0, vocab, (4, 6), generator=generator)
    labels = ids.clone()
    labels[0, 4:] = -100
    labels[2, 0] = -100
    labels[3, 2:] = -100
    attention = (labels != -100).long()
    checks = {}
    gamma, threshold = 0.3, 0.2
    trainer = GammaCETrainer(model=model, gamma=gamma, threshold=threshold)
    checks["stored"] = {
        "gamma": trainer.gamma,
        "threshold": trainer.threshold,
        "causal_lm": trainer.causal_lm,
        "model_accepts_loss_kwargs": trainer.model_accepts_loss_kwargs,
    }
    token_loss, mask = hand_token_losses(model, ids, labels, gamma, threshold)
    count = int(mask.sum())
    inputs = {"input_ids": ids, "attention_mask": attention, "labels": labels}
    mean = trainer.compute_loss(model, dict(inputs))
    summed = trainer.compute_loss(model, dict(inputs), num_items_in_batch=torch.tensor(count + 5))
    loss, outputs = trainer.compute_loss(model, dict(inputs), return_outputs=True)
    checks["compute_loss"] = {
        "mean": rel_error(mean, token_loss.sum() / count),
        "sum / num_items_in_batch": rel_error(summed, token_loss.sum() / (count + 5)),
        "shifted tokens": count,
        "return_outputs": [rel_error(loss, mean), list(outputs["logits"].shape)],
        "model saw attention_mask, not labels": model.seen[-1],
    }

    # Gradient accumulation: two micro-batches, num_items_in_batch over both, the library's
    # training_step: the accumulated gradient is the whole batch's mean-over-tokens gradient.
    def grads_of(step):
        for p in model.parameters():
            p.grad = None
        step()
        return torch.cat([p.grad.reshape(-1) for p in model.parameters()])

    def whole():
        trainer.compute_loss(model, dict(inputs)).backward()

    def accumulated(num_items):
        for rows in (slice(0, 1), slice(1, 4)):
            micro = {k: v[rows] for k, v in inputs.items()}
            trainer.training_step(model, micro, num_items_in_batch=num_items, accumulation_steps=2)

    g_whole = grads_of(whole)
    g_acc = grads_of(lambda: accumulated(torch.tensor(count)))
    # What the flag prevents: the Trainer dividing the normalised loss by the steps once more.
    trainer.model_accepts_loss_kwargs = False
    g_unflagged = grads_of(lambda: accumulated(torch.tensor(count)))
    trainer.model_accepts_loss_kwargs = True
    # Without num_items_in_batch the Trainer divides each micro-batch mean by the steps.
    micro_means = []
    for rows in (slice(0, 1), slice(1, 4)):
        t, m = hand_token_losses(model, ids[rows], labels[rows], gamma, threshold)
        micro_means.append(t.sum() / m.sum())
    first = trainer.training_step(model, {k: v[0:1] for k, v in inputs.items()}, accumulation_steps=2)
    whole_mean = token_loss.sum() / count
    checks["gradient accumulation"] = {
        "accumulated vs whole batch gradient": rel_error(g_acc, g_whole),
        "without model_accepts_loss_kwargs, accumulated / whole": float((g_unflagged / g_whole).mean()),
        "mean of the micro-batch means vs the whole mean": rel_error(sum(micro_means) / 2, whole_mean),
        "micro-batch means / steps": rel_error(first, micro_means[0] / 2),
        "micro-batch counts": [int(hand_token_losses(model, ids[r], labels[r], gamma, threshold)[1].sum()) for r in (slice(0, 1), slice(1, 4))],
    }

    devices = GammaCETrainer(
        model=model, args=transformers._Args(average_tokens_across_devices=True), num_processes=4, gamma=gamma, threshold=threshold
    )
    across = devices.compute_loss(model, dict(inputs), num_items_in_batch=count)
    checks["average_tokens_across_devices"] = {"error": rel_error(across, 4 * token_loss.sum() / count)}

    # causal_lm=False: logits and labels align (a classifier's [N, C] and [N]).
    class Classifier(torch.nn.Module):
        def forward(self, features):
            return (features,)

    classifier = Classifier()
    plain = GammaCETrainer(model=classifier, gamma=0.5, causal_lm=False)
    z = torch.randn(5, 3, generator=generator, dtype=torch.float64)
    y = torch.tensor([0, 2, -100, 1, 1])
    expected, m, _ = reference_elements(z, y, 0.5, None, -100)
    checks["causal_lm=False"] = {"error": rel_error(plain.compute_loss(classifier, {"features": z, "labels": y}), expected.sum() / m.sum())}

    checks["errors"] = value_errors(
        [
            ("gamma", lambda: GammaCETrainer(model=model, gamma=2.0)),
            ("labels", lambda: trainer.compute_loss(model, {"input_ids": ids})),
        ]
    )
    return checks


# ---- Lightning ----


def lightning_checks(ns):
    Module = ns["GammaCELightningModule"]
    generator = torch.Generator().manual_seed(3)
    net = torch.nn.Linear(4, 3).double()
    module = Module(net, gamma=0.2, threshold=None, learning_rate=0.05, ignore_index=-1)
    x = torch.randn(6, 4, generator=generator, dtype=torch.float64)
    y = torch.tensor([0, 2, 1, -1, 2, 0])
    loss = module.training_step((x, y), 0)
    expected, mask, _ = reference_elements(net(x), y, 0.2, None, -1)
    expected = expected.sum() / mask.sum()
    loss.backward()
    grad = net.weight.grad.clone()
    net.weight.grad = None
    expected_grad = torch.autograd.grad(expected, net.weight)[0]
    optimizer = module.configure_optimizers()
    val = module.validation_step((x, y), 0)
    return {
        "training_step": {
            "value": rel_error(loss, expected),
            "grad": rel_error(grad, expected_grad),
            "logged": sorted(module.logged),
            "train_loss": rel_error(torch.tensor(module.logged["train_loss"][0]), expected),
            "validation": rel_error(val, expected),
        },
        "configure_optimizers": {"class": type(optimizer).__name__, "lr": optimizer.param_groups[0]["lr"]},
    }


# ---- Keras 3 and JAX, on NumPy stand-ins ----

FAKE_JAX = {
    "__init__.py": "from . import lax, nn, numpy\n",
    "numpy.py": "from numpy import *  # noqa: F401,F403\n",
    "lax.py": "def stop_gradient(x):\n    return x\n",
    "nn.py": (
        "import numpy as np\n\n\n"
        "def log_softmax(x, axis=-1):\n"
        "    shifted = x - np.max(x, axis=axis, keepdims=True)\n"
        "    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))\n"
    ),
}

FAKE_KERAS = {
    "__init__.py": "from . import losses, ops, saving\n",
    "saving.py": "def register_keras_serializable(package=None, name=None):\n    return lambda cls: cls\n",
    "losses.py": (
        "import numpy as np\n\n\n"
        "class Loss:\n"
        "    def __init__(self, name=None, reduction='sum_over_batch_size', dtype=None):\n"
        "        self.name, self.reduction = name, reduction\n\n"
        "    def __call__(self, y_true, y_pred, sample_weight=None):\n"
        "        values = np.asarray(self.call(np.asarray(y_true), np.asarray(y_pred, dtype=np.float64)))\n"
        "        if self.reduction in (None, 'none'):\n"
        "            return values\n"
        "        return values.sum() / (values.size if self.reduction == 'sum_over_batch_size' else 1)\n\n"
        "    def get_config(self):\n"
        "        return {'name': self.name, 'reduction': self.reduction}\n"
    ),
    "ops.py": (
        "import numpy as np\n"
        "from numpy import clip, exp, log, log1p, logaddexp, maximum, not_equal, ones_like, reshape, shape, where, zeros_like  # noqa: F401\n\n\n"
        "def convert_to_tensor(x):\n    return np.asarray(x)\n\n\n"
        "def cast(x, dtype):\n    return np.asarray(x).astype(dtype)\n\n\n"
        "def sum(x, axis=None, keepdims=False):\n    return np.sum(x, axis=axis, keepdims=keepdims)\n\n\n"
        "def one_hot(x, num_classes, dtype=None):\n    return np.eye(num_classes, dtype=dtype)[x]\n\n\n"
        "def stop_gradient(x):\n    return x\n\n\n"
        "def log_softmax(x, axis=-1):\n"
        "    shifted = x - np.max(x, axis=axis, keepdims=True)\n"
        "    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))\n"
    ),
}


def write_package(directory, name, files):
    os.makedirs(os.path.join(directory, name), exist_ok=True)
    for filename, text in files.items():
        with open(os.path.join(directory, name, filename), "w") as f:
            f.write(text)


def numpy_reference(logits, labels, gamma, threshold, ignore, included=None):
    """Per-example losses from the definition (0 where ignored), NumPy float64."""
    import numpy as np

    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    if included is not None:
        e = e * included
    p_all = e / e.sum(axis=-1, keepdims=True)
    valid = labels != ignore if ignore is not None else np.ones(labels.shape, bool)
    p = np.take_along_axis(p_all, np.where(valid, labels, 0)[..., None], axis=-1)[..., 0]
    mix = gamma + (1 - gamma) * p
    if threshold is not None:
        loss = -np.maximum(threshold, p / mix) * np.log(p)
    elif gamma == 1.0:
        loss = 1 - p
    else:
        loss = -np.log(mix) / (1 - gamma)
    return np.where(valid, loss, 0.0), valid


def standin_checks(directory):
    import numpy as np

    np.seterr(divide="ignore", invalid="ignore")
    write_package(directory, "jax", FAKE_JAX)
    write_package(directory, "keras", FAKE_KERAS)
    rng = np.random.default_rng(4)
    logits = rng.normal(size=(3, 4, 6)) * 3
    logits[0, 0] = [40, 0, -1, 0, 0, 0]
    labels = rng.integers(0, 6, size=(3, 4))
    labels[0, 0] = 0
    labels[1, 2:] = -100
    included = np.ones(6)
    included[5] = 0
    masked_labels = np.where(labels == 5, 4, labels)
    keras_ns = load(directory, "keras3")
    jax_ns = load(directory, "optax")
    worst = {"keras": 0.0, "keras ignore_class": 0.0, "keras probabilities": 0.0, "optax": 0.0, "optax where": 0.0}
    cases = 0
    for gamma in (0.0, 1e-7, 0.1, 0.5, 0.9, 1.0):
        for threshold in (None, 0.0, 0.2):
            cases += 1
            full = np.where(labels == -100, 1, labels)
            expected, _ = numpy_reference(logits, full, gamma, threshold, None)
            ours = keras_ns["GammaCE"](gamma=gamma, threshold=threshold)(full, logits)
            worst["keras"] = max(worst["keras"], abs(ours - expected.mean()) / expected.mean())
            expected, valid = numpy_reference(logits, labels, gamma, threshold, -100)
            loss = keras_ns["GammaCE"](gamma=gamma, threshold=threshold, ignore_class=-100)
            mean = expected.sum() / valid.sum()
            worst["keras ignore_class"] = max(worst["keras ignore_class"], abs(loss(labels, logits) - mean) / mean)
            probs = np.exp(logits - logits.max(-1, keepdims=True))
            probs /= probs.sum(-1, keepdims=True)
            loss = keras_ns["GammaCE"](gamma=gamma, threshold=threshold, ignore_class=-100, from_logits=False)
            worst["keras probabilities"] = max(worst["keras probabilities"], abs(loss(labels[..., None], probs) - mean) / mean)
            per_example = jax_ns["gamma_ce_loss"](logits, labels, gamma, threshold)
            worst["optax"] = max(worst["optax"], float(np.max(np.abs(per_example - expected)) / np.max(expected)))
            expected, _ = numpy_reference(logits, masked_labels, gamma, threshold, -100, included)
            per_example = jax_ns["gamma_ce_loss"](logits, masked_labels, gamma, threshold, where=included.astype(bool))
            worst["optax where"] = max(worst["optax where"], float(np.max(np.abs(per_example - expected)) / np.max(expected)))
    config = keras_ns["GammaCE"](gamma=0.3, threshold=0.2, ignore_class=-100).get_config()
    shape = list(jax_ns["gamma_ce_loss"](logits, labels).shape)
    return {"values": worst, "cases": cases, "keras config": config, "optax shape": shape}


def structure(path):
    """What a snippet defines and which modules its calls go through (for the uninstalled ones)."""
    import ast

    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    out = {"classes": {}, "functions": {}, "call_roots": set(), "gamma_ifs": []}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            methods = {}
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    methods[item.name] = [a.arg for a in item.args.args]
            out["classes"][node.name] = {
                "bases": [ast.unparse(b) for b in node.bases],
                "decorators": [ast.unparse(d) for d in node.decorator_list],
                "methods": methods,
            }
        elif isinstance(node, ast.FunctionDef):
            args = node.args
            out["functions"][node.name] = {
                "args": [a.arg for a in args.args],
                "defaults": [ast.unparse(d) for d in args.defaults],
                "kwonly": [a.arg for a in args.kwonlyargs],
                "kwonly_defaults": [ast.unparse(d) if d is not None else None for d in args.kw_defaults],
            }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            root = node.func
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name):
                out["call_roots"].add(root.id)
        if isinstance(node, ast.If) and "gamma" in ast.unparse(node.test):
            out["gamma_ifs"].append(ast.unparse(node.test))
    out["call_roots"] = sorted(out["call_roots"])
    return out


def main():
    if sys.argv[1] == "--standins":
        sys.path.insert(0, sys.argv[2])
        json.dump(standin_checks(sys.argv[2]), sys.stdout)
        return
    if sys.argv[1] == "--structure":
        json.dump({path: structure(path) for path in sys.argv[2:]}, sys.stdout)
        return
    directory = sys.argv[1]
    write_fakes(directory)
    sys.path.insert(0, directory)
    functional = {form: load(directory, form) for form in ("closed", "tailr", "sequence")}
    checks = {"module": module_checks(load(directory, "module"), functional)}
    checks["trainer"] = trainer_checks(load(directory, "trainer"))
    checks["lightning"] = lightning_checks(load(directory, "lightning_module"))
    json.dump({"checks": checks}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
