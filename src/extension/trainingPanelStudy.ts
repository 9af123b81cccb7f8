import * as vscode from 'vscode';
import type { EncodedDataset } from '../core/data/dataset';
import type { TrainConfig } from '../core/train/config';
import type { TrainEvent } from '../core/train/types';
import { deferredJob } from './training/deferredJob';
import type { Job, StudyOutcome } from './training/ports';
import type { TrainingSetup } from './training/protocol';
import { startStudy } from './trainWorkerClient';

/**
 * A seed study of the panel's file in the training worker: the file is read again there, with the
 * schema the panel's dataset was read with (label and column roles as chosen), so that each seed
 * can draw its own split and noise.
 */
export function startPanelStudy(
  distDir: string,
  uri: vscode.Uri,
  fileName: string,
  dataset: EncodedDataset,
  setup: TrainingSetup,
  config: TrainConfig,
  onEvent: (event: TrainEvent) => void,
): Job<StudyOutcome> {
  return deferredJob(
    () => vscode.workspace.fs.readFile(uri),
    (bytes) =>
      startStudy(
        distDir,
        { bytes, fileName, options: { noise: setup.noise, seed: config.seed, schema: dataset.schema }, config },
        onEvent,
      ),
  );
}
