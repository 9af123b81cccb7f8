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
