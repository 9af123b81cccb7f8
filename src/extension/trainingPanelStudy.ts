import type { EncodedDataset } from '../core/data/dataset';
import type { TrainConfig } from '../core/train/config';
import type { TrainEvent } from '../core/train/types';
import type { Job, StudyOutcome } from './training/ports';
import type { TrainingSetup } from './training/protocol';

/**
 * Starts a seed study off the extension host's thread. Until the worker pool's startStudy
 * (trainWorkerClient.ts) lands, a study is refused with a message that says so.
 */
export function startPanelStudy(
  _distDir: string,
  _dataset: EncodedDataset,
  _setup: TrainingSetup,
  _config: TrainConfig,
  _onEvent: (event: TrainEvent) => void,
): Job<StudyOutcome> {
  const outcome: StudyOutcome = {
    status: 'failed',
    message:
      'repeated seeds and noise sweeps need the study worker, which this build does not have yet; use `gamma-ce train --seeds N` meanwhile',
  };
  return { outcome: Promise.resolve(outcome), cancel: () => undefined, exited: Promise.resolve() };
}
