/**
 * What the training panel's controller is given: every effect it has on the world goes through one
 * of these, so that it runs in Node with fakes (test/unit/trainingController.test.ts) and the
 * VS Code adapter (trainingPanel.ts) only binds them.
 */
import type { EncodedDataset } from '../../core/data/dataset';
import type { TrainConfig } from '../../core/train/config';
import type { ExperimentReport } from '../../core/train/experiment';
import type { SeedStudyReport } from '../../core/train/seedStudy';
import type { TrainEvent } from '../../core/train/types';
import type { Job, JobProgress, Outcome, PanelLog } from '../jobPanelController';
import type { FileInfo } from '../webviewProtocol';
import type { HostToTrainingWebview, RunImage, TrainingSetup } from './protocol';

// Where the training side's modules (worker clients, the study) have always found them.
export type { Job, Outcome } from '../jobPanelController';

export type ExperimentOutcome = Outcome<{ status: 'done'; report: ExperimentReport }>;
export type StudyOutcome = Outcome<{ status: 'done'; study: SeedStudyReport }>;

/** The status bar item and notification of one job. */
export interface ProgressPort extends JobProgress {
  onEvent(event: TrainEvent): void;
}

/** The last result, to export or hand on. */
export type TrainingResult =
  { kind: 'experiment'; report: ExperimentReport } | { kind: 'study'; study: SeedStudyReport };

export interface TrainingPorts {
  post(message: HostToTrainingWebview): void;
  log: PanelLog;
  /** The panel's file, as the webview shows it (it changes with "Choose another dataset…"). */
  file(): FileInfo;
  /** Reads and encodes the panel's file with the setup's label, columns, noise and seed. */
  loadDataset(setup: TrainingSetup, previous?: EncodedDataset): Promise<EncodedDataset>;
  startExperiment(
    dataset: EncodedDataset,
    config: TrainConfig,
    onEvent: (e: TrainEvent) => void,
  ): Job<ExperimentOutcome>;
  /** Repeated seeds and/or a noise sweep on the panel's file; `setup.noise` is the rate without a sweep. */
  startStudy(
    dataset: EncodedDataset,
    setup: TrainingSetup,
    config: TrainConfig,
    onEvent: (e: TrainEvent) => void,
  ): Job<StudyOutcome>;
  progress(): ProgressPort;
  /** Asks for a folder and writes the result there; the folder as shown, or undefined (declined or refused: the port said why). */
  exportResult(result: TrainingResult, images: () => Promise<RunImage[]>): Promise<string | undefined>;
  /** Opens run `index` of the result's runs (a study's: of every seed) in the calibration panel. */
  openInCalibration(result: TrainingResult, index: number): Promise<void>;
  /** Asks for another file and moves the panel to it: true when `file()` now names it. */
  chooseDataset(): Promise<boolean>;
  insertLoss(gamma: number, threshold: number | null): Promise<void>;
  /** A failure worth a notification, beyond the panel. */
  showError(message: string): void;
  /** Tells the user something that needs no panel (e.g. nothing to export yet). */
  showInfo(message: string): void;
  /** A training finished: the walkthrough's step is done. */
  trainingDone(): void;
}
