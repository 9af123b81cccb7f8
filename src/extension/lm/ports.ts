/**
 * What the language-model panel's controller is given: every effect it has on the world goes
 * through one of these, so that it runs in Node with fakes (test/unit/lmController.test.ts) and the
 * VS Code adapter (lmPanel.ts) only binds them.
 */
import type { LmConfig } from '../../core/lm/config';
import type { LmHistoryPoint, LmRunOutcome } from '../../core/lm/run';
import type { TextFile } from '../../core/lm/text';
import type { Job, JobProgress, Outcome, PanelLog } from '../jobPanelController';
import type { HostToLmWebview } from './protocol';

export type LmOutcome = Outcome<{ status: 'done'; backend: string; outcomes: LmRunOutcome[] }>;

/** The status bar item and notification of one training. */
export interface LmProgressPort extends JobProgress {
  onPoint(run: string, point: LmHistoryPoint): void;
}

export interface LmPorts {
  post(message: HostToLmWebview): void;
  log: PanelLog;
  /** The panel's files' URIs. */
  sources(): string[];
  /** The panel's files, as the user knows them (workspace-relative paths, the sample's name). */
  fileLabels(): string[];
  /** Reads and decodes the panel's files; a DataFileError names the file at fault. */
  readText(): Promise<TextFile[]>;
  /** Both runs off the extension host's thread (workers), their points streamed. */
  startRuns(files: TextFile[], config: LmConfig, onPoint: (run: number, point: LmHistoryPoint) => void): Job<LmOutcome>;
  progress(steps: number): LmProgressPort;
  /** Writes a run's next-character predictions file (never among the user's files) and opens it in the calibration panel. */
  openInCalibration(runName: string, csv: string): Promise<void>;
  /** Asks for other text and moves the panel to it: true when `fileLabels()` now names it. */
  chooseText(): Promise<boolean>;
  /** A failure worth a notification, beyond the panel. */
  showError(message: string): void;
}
