import { addLabelNoise } from '../data/labelNoise';
import type { EncodedDataset } from '../data/dataset';
import type { TrainConfig } from '../train/config';
import type { SeedDraw } from '../train/seedData';
import type { ExportDraw } from './projectConfig';

/**
 * The experiments of a configuration, in the order the lab trains them (runSeedStudy): per noise
 * rate, per seed, each seed on its own split unless fixedSplit. `noise` is the rate without a sweep.
 */
export function exportDraws(source: (draw: SeedDraw) => EncodedDataset, config: TrainConfig, noise = 0): ExportDraw[] {
  const draws: ExportDraw[] = [];
  for (const rate of config.noiseSweep ?? [noise]) {
    for (let i = 0; i < config.seeds; i++) {
      const seed = config.seed + i;
      const splitSeed = config.fixedSplit ? config.seed : seed;
      draws.push({ seed, splitSeed, noise: rate, data: source({ seed, splitSeed, noise: rate }) });
    }
  }
  return draws;
}

/** The split seeds an export needs: one clean dataset (noise 0) to load for each. */
export function exportSplitSeeds(config: TrainConfig): number[] {
  if (config.fixedSplit) return [config.seed];
  return Array.from({ length: config.seeds }, (_, i) => config.seed + i);
}

/**
 * The draws from clean datasets loaded per split seed (as a front end loads them, off-thread), the
 * training-label noise added as tableSeedSource adds it: same seed, same flips.
 */
export function drawsFromSplits(
  loaded: ReadonlyMap<number, EncodedDataset>,
  config: TrainConfig,
  noise = 0,
): ExportDraw[] {
  return exportDraws(
    ({ seed, splitSeed, noise: rate }) => {
      const clean = loaded.get(splitSeed);
      if (!clean) throw new RangeError(`the dataset of split seed ${splitSeed} was not loaded`);
      if (rate === 0) return { ...clean, seed };
      const noisy = addLabelNoise(clean.train.y, clean.classes, rate, seed);
      return { ...clean, train: { ...clean.train, y: noisy.labels, cleanY: clean.train.y }, seed };
    },
    config,
    noise,
  );
}
