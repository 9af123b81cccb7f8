import type { EncodedDataset } from '../../core/data/dataset';
import type { FileInfo } from '../webviewProtocol';
import type { DatasetView, TrainingSetup } from './protocol';

/** What decides the encoded dataset: label, ignored columns, noise and seed. */
export function datasetKey(setup: TrainingSetup): string {
  return JSON.stringify([setup.label ?? null, [...(setup.ignored ?? [])].sort(), setup.noise, setup.config.seed ?? 0]);
}

export function datasetView(dataset: EncodedDataset, file: FileInfo): DatasetView {
  const rows = dataset.train.rows + dataset.validation.rows + dataset.test.rows;
  return {
    file,
    rows,
    features: dataset.features,
    classNames: dataset.classNames,
    classCounts: dataset.summary.classCounts,
    warnings: dataset.warnings,
    label: dataset.schema.label,
    columns: dataset.summary.columns.map((c) => ({
      name: c.name,
      role: c.role,
      type: c.type,
      missing: c.missing,
      reason: c.reason,
    })),
    split: { train: dataset.train.rows, validation: dataset.validation.rows, test: dataset.test.rows },
    noise: dataset.noise,
  };
}
