// The exported project's gce_summary.py: a seed study summary and evidence (written out as is).
export const GCE_SUMMARY_PY = String.raw`"""A seed study's summary and evidence, as gamma-CE Lab writes them (src/core/stats/summary.ts, evidence.ts).

The Student t quantiles t(0.975, df) come from config.json ("studentT975", indexed by df).
"""
import math

TEST_METRICS = ["accuracy", "ece", "mce", "adaptiveEce", "nll", "brier"]


def mean_interval(values, t975):
    n = len(values)
    if n == 0:
        return {"mean": None, "sd": None, "low": None, "high": None, "n": n}
    mean = 0.0
    for v in values:
        mean += v
    mean /= n
    if n == 1:
        return {"mean": mean, "sd": None, "low": None, "high": None, "n": n}
    sd = math.sqrt(sum((v - mean) * (v - mean) for v in values) / (n - 1))
    half = t975[n - 1] * (sd / math.sqrt(n))
    return {"mean": mean, "sd": sd, "low": mean - half, "high": mean + half, "n": n}


def summarise(runs, reference, t975):
    by_name = {}
    for run in runs:
        tests = by_name.setdefault(run["name"], {})
        if run.get("test"):
            tests[run["seed"]] = run["test"]
    summary = {"runs": {}, "differences": {}}
    for name, tests in by_name.items():
        summary["runs"][name] = {m: mean_interval([t[m] for t in tests.values()], t975) for m in TEST_METRICS}
    base = by_name.get(reference) if reference is not None else None
    if base is None:
        return summary
    for name, tests in by_name.items():
        if name == reference:
            continue
        paired = [(seed, t) for seed, t in tests.items() if seed in base]
        vs = {}
        for m in TEST_METRICS:
            s = mean_interval([t[m] - base[seed][m] for seed, t in paired], t975)
            vs[m] = {k: s[k] for k in ("mean", "low", "high", "n")}
        summary["differences"][name] = {"vsCE": vs}
    return summary


def _fixed(x):
    return f"{x:.3f}" if abs(x) >= 0.01 or x == 0 else f"{x:#.2g}"


def _signed(x):
    return ("+" if x > 0 else "\u2212" if x < 0 else "") + _fixed(abs(x))


def _estimate(m):
    if m["mean"] is None:
        return "unavailable"
    if m["low"] is None or m["high"] is None:
        return _fixed(m["mean"])
    return f"{_fixed(m['mean'])} \u00b1 {_fixed((m['high'] - m['low']) / 2)}"


def _seeds(n):
    return "one seed" if n == 1 else f"{n} seeds"


def _verdict(d, higher, lower, metric):
    interval = f"\u0394 {metric} {_signed(d['mean'])}, 95 % interval {_signed(d['low'])} to {_signed(d['high'])}"
    if not (d["low"] is not None and d["high"] is not None and (d["low"] > 0 or d["high"] < 0)):
        return f"no clear {metric} difference ({interval}, which includes 0)"
    return f"{higher if d['low'] > 0 else lower} ({interval})"


def evidence(summary, reference):
    out = {}
    for name, metrics in summary["runs"].items():
        diff = summary["differences"].get(name, {}).get("vsCE")
        if name == reference or not diff:
            what = "the reference" if name == reference else f"no {reference or 'CE'} run to compare with"
            out[name] = (
                f"{name} ({what}): test accuracy {_estimate(metrics['accuracy'])} and ECE "
                f"{_estimate(metrics['ece'])} over {_seeds(metrics['accuracy']['n'])}."
            )
            continue
        n = min(diff["accuracy"]["n"], diff["ece"]["n"])
        if n < 2:
            out[name] = (
                f"{name}: {_seeds(n)} paired with {reference}, so no interval: train more seeds before "
                f"reading anything into its difference from {reference}."
            )
            continue
        accuracy = _verdict(diff["accuracy"], "more accurate", "less accurate", "accuracy")
        ece = _verdict(diff["ece"], "worse calibrated", "better calibrated", "ECE")
        out[name] = f"{name}, over {_seeds(n)} paired with {reference}: {accuracy}; {ece}."
    return out


def study_fields(config, runs):
    """The summary (or, with a noise sweep, one per noise rate), the interval method and the evidence."""
    study = config["study"]
    reference, t975 = config["report"]["reference"], study["studentT975"]
    fields = {}
    if config["train"]["noiseSweep"] is not None:
        fields["noiseSweep"] = [
            {"noise": rate, "summary": summarise([r for r in runs if r.get("noise") == rate], reference, t975)}
            for rate in config["train"]["noiseSweep"]
        ]
        fields["intervals"] = study["intervals"]
        return fields
    fields["summary"] = summarise(runs, reference, t975)
    fields["intervals"] = study["intervals"]
    fields["evidence"] = evidence(fields["summary"], reference)
    return fields
`;
