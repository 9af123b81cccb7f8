import { checkDatasetOptions, DatasetOptions, EncodedDataset } from '../data/dataset';
import { encodeDataset } from '../data/encode';
import { addLabelNoise } from '../data/labelNoise';
import { resolveSchema } from '../data/schema';
import type { ColumnTable } from '../data/tableBuilder';
import type { TrainingData } from './types';

/** What one seed of a study trains on: its split (splitSeed) and its draw of training-label noise (seed). */
export interface SeedDraw {
  seed: number;
  splitSeed: number;
  /** Noise rate on the training labels; validation and test stay clean. */
  noise: number;
}

export type SeedDataSource = (draw: SeedDraw) => TrainingData & { schema?: unknown };

/**
 * A seed study's data from a table that was read once: the schema resolved once, the table encoded
 * once per split seed (stratified split, features standardised on that split's training rows), the
 * noise drawn per seed. The draw { seed: s, splitSeed: s, noise: r } is exactly loadDataset with
 * seed s and noise r.
 */
export function tableSeedSource(table: ColumnTable, options: DatasetOptions = {}): (draw: SeedDraw) => EncodedDataset {
  checkDatasetOptions(options);
  const { schema, warnings } = resolveSchema(table, options.schema, {
    label: options.label,
    classOrder: options.classOrder,
  });
  const bySplit = new Map<number, EncodedDataset>();
  return ({ seed, splitSeed, noise }) => {
    checkDatasetOptions({ seed, noise });
    let clean = bySplit.get(splitSeed);
    if (!clean) {
      clean = encodeDataset(
        table,
        schema,
        { split: options.split, strict: options.strict, seed: splitSeed, noise: 0 },
        warnings,
      );
      bySplit.set(splitSeed, clean);
    }
    if (noise === 0) return { ...clean, seed };
    const noisy = addLabelNoise(clean.train.y, clean.classes, noise, seed);
    return {
      ...clean,
      train: { ...clean.train, y: noisy.labels, cleanY: clean.train.y },
      noise: { rate: noise, flipped: noisy.flipped.length },
      seed,
    };
  };
}
