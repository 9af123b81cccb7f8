"""Smooth ECE and the smoothed reliability curve as relplot >= 1.0.2 computes them, written anew from
its published algorithm with whole-array NumPy (np.pad reflection, full np.convolve, np.interp-free
interpolation as relplot does it) so that test/unit/smoothEce.test.ts checks the TypeScript port
against an independent computation. relplot itself is not installed here.

stdin: {"cases": [{"id", "f", "y", "sigma"?, "curve"?: bool}]}
stdout: {"results": [{"id", "smece", "sigma", "trace": [[sigma, smece_sigma], ...], "curve"?: {...}}]}
  with "sigma" given: smece is smECE at that sigma and no bisection runs.
"""
import json
import sys

import numpy as np

SMECE_MESH = 200  # relplot config.smECE_mesh_pts
PLOT_MESH = 200  # relplot config.plot_mesh_pts


def grid_size(sigma):
    return max(2000, round(20 / sigma)) // 2 + 1  # Python's round: halves to even


def spread(f, weights, n):
    """Linear binning of weights at f onto n nodes i/(n-1), in row order (np.add.at)."""
    pos = f * (n - 1)
    lower = np.clip(pos.astype(np.int64), 0, n - 2)
    upper_share = pos - lower
    grid = np.zeros(n)
    np.add.at(grid, lower, (1 - upper_share) * weights)
    np.add.at(grid, lower + 1, upper_share * weights)
    return grid


def gaussian_taps(sigma, n):
    offsets = np.linspace(0, 1, n) - 0.5
    return np.exp(-offsets * offsets / (2 * sigma**2)) / (np.sqrt(2 * np.pi) * sigma)


def reflected_smooth(grid, sigma):
    n = len(grid)
    padded = np.pad(grid, n - 1, mode="reflect")  # mirror about both end nodes, ends not repeated
    full = np.convolve(padded, gaussian_taps(sigma, n), mode="full")
    # 'valid' starts at full index n-1; relplot keeps valid[n//2 : n//2 + n]
    start = (n - 1) + n // 2
    return full[start : start + n]


def read_off(t, nodes):
    n = len(nodes)
    step = 1 / (n - 1)
    i = np.clip((t * (n - 1)).astype(np.int64), 0, n - 2)
    w = (t - i * step) / step
    return nodes[i] * (1 - w) + nodes[i + 1] * w


def smoothed(f, values, sigma, t):
    n = grid_size(sigma)
    return read_off(t, reflected_smooth(spread(f, values, n), sigma))


def smece_at(f, y, sigma):
    t = np.linspace(0, 1, max(round(10 / sigma), SMECE_MESH))
    density = smoothed(f, np.ones_like(f), sigma, t) + 1e-4
    residual = smoothed(f, f - y, sigma, t) / density
    return float(np.sum(np.abs(residual) * density) / np.sum(density))


def smece(f, y):
    trace = []

    def below_fixed_point(s):
        if s < 0.001:
            return True
        value = smece_at(f, y, s)
        trace.append([s, value])
        return s < value

    hi = 1.0
    if not below_fixed_point(1.0):
        lo = 0.0
        for _ in range(10):
            mid = (hi + lo) / 2
            if below_fixed_point(mid):
                lo = mid
            else:
                hi = mid
    return smece_at(f, y, hi), hi, trace


def curve(f, y, sigma):
    t = np.linspace(0, 1, PLOT_MESH)
    ones = np.ones_like(f)
    mu = smoothed(f, y, sigma, t) / (smoothed(f, ones, sigma, t) + 1e-4)
    density = smoothed(f, ones / len(f), sigma, t)
    return {"mesh": t.tolist(), "mu": mu.tolist(), "density": density.tolist()}


def main():
    request = json.load(sys.stdin)
    results = []
    for case in request["cases"]:
        f = np.asarray(case["f"], dtype=np.float64)
        y = np.asarray(case["y"], dtype=np.float64)
        if case.get("sigma") is not None:
            out = {"id": case["id"], "smece": smece_at(f, y, case["sigma"]), "sigma": case["sigma"], "trace": []}
        else:
            value, sigma, trace = smece(f, y)
            out = {"id": case["id"], "smece": value, "sigma": sigma, "trace": trace}
        if case.get("curve"):
            out["curve"] = curve(f, y, out["sigma"])
        results.append(out)
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
