import type { BootstrapInterval } from '../../core/bootstrap';
import type { RecalibrationMethod } from '../../core/recalibration';
import { DEFAULT_CALIBRATION_SETTINGS } from '../../extension/calibration/constants';
import type {
  CalibrationJob,
  CalibrationSettings,
  ComparisonView,
  JobMessage,
  PredictionsReadOptions,
  RecalibrationView,
  SmoothResult,
  SnippetFramework,
} from '../../extension/calibration/protocol';
import type { FileInfo } from '../../extension/webviewProtocol';

export type ClassSortKey = 'class' | 'support' | 'accuracy' | 'ece' | 'contribution';

export type JobState = { running: true; fraction: number } | { running: false; failed?: string; cancelled?: boolean };

/** Everything the panel shows, but the parsed rows themselves (the model holds those). */
export interface PanelState {
  phase: 'loading' | 'ready' | 'error';
  /** The host is reading the file (again). */
  reading: boolean;
  file?: FileInfo;
  error?: string;
  read: PredictionsReadOptions;
  settings: CalibrationSettings;
  /** The file changed on disk since it was read. */
  changed: boolean;
  /** The binned ECE's interval (the data worker's job 'interval'), for `intervalBins`. */
  eceInterval?: BootstrapInterval;
  intervalBins: number;
  smooth?: SmoothResult;
  jobs: Partial<Record<CalibrationJob, JobState>>;
  method: RecalibrationMethod;
  folds: number;
  framework: SnippetFramework;
  recalibration?: RecalibrationView;
  idColumn: string;
  comparison?: ComparisonView;
  classSort: { key: ClassSortKey; descending: boolean };
  /** The Per class section is open. */
  classesOpen: boolean;
}

export function initialState(): PanelState {
  return {
    phase: 'loading',
    reading: true,
    read: {},
    settings: DEFAULT_CALIBRATION_SETTINGS,
    changed: false,
    intervalBins: 0,
    jobs: {},
    method: 'temperature',
    folds: 5,
    framework: 'pytorch',
    idColumn: '',
    classSort: { key: 'class', descending: false },
    classesOpen: false,
  };
}

/** What a job message from the host changes. */
export function applyJobMessage(state: PanelState, message: JobMessage): Partial<PanelState> {
  const jobs = (job: CalibrationJob, value: JobState) => ({ jobs: { ...state.jobs, [job]: value } });
  switch (message.type) {
    case 'jobProgress':
      return jobs(message.job, { running: true, fraction: message.fraction });
    case 'jobFailed':
      return jobs(message.job, { running: false, failed: message.message });
    case 'jobCancelled':
      return jobs(message.job, { running: false, cancelled: true });
    case 'eceInterval':
      return { eceInterval: message.interval, intervalBins: message.bins, ...jobs('interval', { running: false }) };
    case 'smooth':
      return { smooth: message.result, ...jobs('smooth', { running: false }) };
    case 'recalibrated':
      return { recalibration: message.result, ...jobs('recalibrate', { running: false }) };
    case 'compared':
      return { comparison: message.result, ...jobs('compare', { running: false }) };
  }
}

/** A click on a column header: sort by it, or reverse the order when it already sorts. */
export function toggleSort(current: PanelState['classSort'], key: ClassSortKey): PanelState['classSort'] {
  if (current.key === key) return { key, descending: !current.descending };
  // Numbers read best largest first; classes in their order.
  return { key, descending: key !== 'class' };
}
