import type { TrainConfig } from './config';
import type { RunSpec } from './types';

/**
 * The runs of an experiment. Compare: CE, then the γ run (closed form, or TaiLr when a threshold b
 * is set), then the chosen baselines (LS, focal, GCE, SCE, MAE), then "+ TS" for CE and the γ run.
 * Sweep: one γ run per value.
 */
export function planRuns(config: TrainConfig): RunSpec[] {
  if (config.sweep) {
    const sweep = config.sweep.map((g) => gammaRun(config, g));
    return config.baselines.includes('ts') ? [...sweep, ...sweep.map(temperatureRun)] : sweep;
  }
  const ce: RunSpec = { name: 'CE', loss: 'ce', gamma: 0, threshold: null };
  const runs: RunSpec[] = [ce, gammaRun(config, config.gamma)];
  if (config.baselines.includes('ls')) {
    runs.push({
      name: `Label smoothing (ε=${config.smoothing})`,
      loss: 'label-smoothing',
      gamma: null,
      threshold: null,
      smoothing: config.smoothing,
    });
  }
  if (config.baselines.includes('focal')) {
    runs.push({
      name: `Focal (γ_f=${config.focalGamma})`,
      loss: 'focal',
      gamma: null,
      threshold: null,
      focalGamma: config.focalGamma,
    });
  }
  runs.push(...noiseRobustRuns(config));
  if (config.baselines.includes('ts')) runs.push(temperatureRun(runs[0]), temperatureRun(runs[1]));
  return runs;
}

/** GCE, SCE and MAE, the losses a reviewer compares γ-CE with on noisy labels; MAE is γ-CE at γ = 1. */
function noiseRobustRuns(config: TrainConfig): RunSpec[] {
  const runs: RunSpec[] = [];
  if (config.baselines.includes('gce')) {
    runs.push({ name: `GCE (q=${config.gceQ})`, loss: 'gce', gamma: null, threshold: null, q: config.gceQ });
  }
  if (config.baselines.includes('sce')) {
    const sce = { alpha: config.sceAlpha, beta: config.sceBeta, A: config.sceA };
    runs.push({
      name: `SCE (α=${sce.alpha}, β=${sce.beta}, A=${sce.A})`,
      loss: 'sce',
      gamma: null,
      threshold: null,
      sce,
    });
  }
  if (config.baselines.includes('mae')) {
    runs.push({ name: 'MAE (γ-CE, γ=1)', loss: 'gamma-ce', gamma: 1, threshold: null, schedule: 'constant' });
  }
  return runs;
}

function gammaRun(config: TrainConfig, gamma: number): RunSpec {
  const g = config.schedule === 'constant' ? `γ=${gamma}` : `γ→${gamma}, ${config.schedule}`;
  if (config.threshold !== null) {
    const eps = config.tailrSmoothing;
    const name = `TaiLr (${g}, b=${config.threshold}${eps > 0 ? `, ε=${eps}` : ''})`;
    return { name, loss: 'tailr', gamma, threshold: config.threshold, ...(eps > 0 ? { smoothing: eps } : {}) };
  }
  return { name: `γ-CE (${g})`, loss: 'gamma-ce', gamma, threshold: null };
}

function temperatureRun(base: RunSpec): RunSpec {
  return { ...base, name: `${base.name} + TS`, temperatureOf: base.name };
}
