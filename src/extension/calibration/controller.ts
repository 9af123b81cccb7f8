/**
 * The calibration panel's host side without VS Code: what each message from the webview does, as a
 * small state machine. idle → loading (read + parse in the data worker) → ready | error; a newer
 * load supersedes an older one (load generation) and cancels the jobs of the old data. Jobs (the
 * smooth ECE's interval and band, Recalibrate…, Compare with…) run in the data worker one per kind,
 * a new one of a kind cancelling the running one.
 */
import { topLabel } from '../../core/calibration';
import { calibratorJson } from '../../core/recalibration';
import { calibratorSnippet } from './calibratorSnippets';
import type { CalibrationJob, ComparisonView, RecalibrationView, SnippetFramework } from './jobs';
import { CalibrationPorts, FileProblem, WorkerCall } from './ports';
import {
  CalibrationSettings,
  CalibrationWebviewToHost,
  LOGITS_CHECKBOX_LABEL,
  parseCalibrationWebviewMessage,
  PredictionsPayload,
  PredictionsReadOptions,
  RenderedView,
} from './protocol';
import type { FileInfo } from '../webviewProtocol';

export type Phase = 'idle' | 'loading' | 'ready' | 'error';

/** Resamples of the smooth ECE's interval (σ* chosen again on each) and of the curve's band (relplot bags 200). */
export const SMOOTH_RESAMPLES = 1000;
export const BAND_RESAMPLES = 200;
export const COMPARE_RESAMPLES = 1000;
const PANEL_LOGITS_HINT = `tick '${LOGITS_CHECKBOX_LABEL}' above`;

export class CalibrationController {
  private phase: Phase = 'idle';
  private generation = 0;
  private predictions?: PredictionsPayload;
  /** The file's top-label rows, which the two bootstrap jobs resample (each is sent a copy). */
  private top?: { confidence: Float64Array; hit: Uint8Array };
  private error?: string;
  private rendered?: RenderedView;
  /** The last "ECE … over N rows" line logged. */
  private lastLogged = '';
  private lastExport?: string[];
  private recalibration?: RecalibrationView;
  private comparison?: ComparisonView;
  private comparedUri?: string;
  private readonly jobs = new Map<CalibrationJob, AbortController>();
  private readonly settled = new Map<CalibrationJob, Promise<void>>();
  private disposed = false;

  constructor(
    private readonly ports: CalibrationPorts,
    readonly uri: string,
    private settings: CalibrationSettings,
    private read: PredictionsReadOptions = {},
  ) {}

  get state() {
    return {
      phase: this.phase,
      generation: this.generation,
      settings: this.settings,
      read: this.read,
      rows: this.predictions?.rows,
      error: this.error,
      rendered: this.rendered,
      lastExport: this.lastExport,
      recalibration: this.recalibration,
      comparison: this.comparison,
      running: [...this.jobs.keys()],
    };
  }

  /** Settles when the last job of `kind` started has ended (done, failed or cancelled). */
  jobSettled(kind: CalibrationJob): Promise<void> {
    return this.settled.get(kind) ?? Promise.resolve();
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.jobs.values()) job.abort();
    this.jobs.clear();
  }

  /** A message from the webview (untrusted: parsed here). */
  async receive(message: unknown): Promise<void> {
    const parsed = parseCalibrationWebviewMessage(message);
    if (!parsed.ok) {
      this.ports.log.warn(`Calibration panel: ignored a malformed message (${parsed.problem}): ${preview(message)}`);
      return;
    }
    await this.handle(parsed.value);
  }

  private async handle(message: CalibrationWebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'reload':
        return this.load();
      case 'readOptions':
        this.read = message.read;
        this.rendered = undefined;
        this.ports.log.info(
          `${this.label()}: reading with label column '${message.read.label ?? 'label'}'${message.read.softmax ? ', softmax' : ''}`,
        );
        return this.load();
      case 'settings': {
        const rebinned = message.settings.bins !== this.settings.bins;
        this.settings = message.settings;
        if (rebinned) void this.interval();
        return;
      }
      case 'rendered': {
        this.rendered = message.view;
        // The page renders on every job's progress; the log says only what changed.
        const line =
          `${this.label()}: ECE ${message.view.report.ece.toFixed(4)} over ${message.view.report.n} rows ` +
          `(${message.view.settings.bins} ${message.view.settings.scheme} bins)`;
        if (line !== this.lastLogged) this.ports.log.info(line);
        this.lastLogged = line;
        return;
      }
      case 'exportRequested': {
        const theme = await this.ports.pickExportTheme();
        if (theme) this.post({ type: 'renderExport', theme });
        return;
      }
      case 'export':
        return this.exportFigure(message);
      case 'exportFailed':
        this.ports.log.error(`Calibration export failed in the webview: ${message.message}`);
        this.ports.showError(`Could not export the diagram: ${message.message}`);
        return;
      case 'log':
        this.ports.log[message.level](`Calibration webview: ${message.message}`);
        return;
      case 'recalibrate':
        return this.recalibrate(message.method, message.folds);
      case 'exportCalibrator':
        return this.exportCalibrator(message.framework);
      case 'copySnippet':
        return this.copySnippet(message.framework);
      case 'compare':
        return this.compare(message.pick, message.id);
      case 'cancel':
        this.jobs.get(message.job)?.abort();
        return;
    }
  }

  private post(message: Parameters<CalibrationPorts['post']>[0]): void {
    if (!this.disposed) this.ports.post(message);
  }

  private label(uri = this.uri): string {
    return this.ports.label(uri);
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    for (const job of this.jobs.values()) job.abort();
    this.phase = 'loading';
    this.top = undefined;
    const file: FileInfo = { uri: this.uri, label: this.label(), size: 0 };
    this.post({ type: 'loading', file });
    try {
      const bytes = await this.ports.readFile(this.uri);
      file.size = bytes.byteLength;
      const predictions = await this.ports.worker.parse({ bytes, file: file.label, ...this.read });
      if (generation !== this.generation || this.disposed) return;
      this.phase = 'ready';
      this.predictions = predictions;
      this.error = undefined;
      this.recalibration = undefined;
      this.comparison = undefined;
      this.ports.log.info(`${file.label}: read ${predictions.rows} rows × ${predictions.cols} classes`);
      // The webview gets a copy: the host keeps its own for the jobs.
      this.post({
        type: 'load',
        file,
        predictions: copyPayload(predictions),
        settings: this.settings,
        read: this.read,
      });
      this.top = topLabel(
        { data: predictions.probs, rows: predictions.rows, cols: predictions.cols },
        predictions.labels,
      );
      void this.interval();
      void this.smooth();
    } catch (error) {
      if (generation !== this.generation || this.disposed) return;
      this.phase = 'error';
      this.predictions = undefined;
      this.top = undefined;
      this.error = error instanceof FileProblem ? error.message : `Could not read ${file.label}: ${messageOf(error)}`;
      this.ports.log.warn(this.error);
      this.post({ type: 'error', file, message: this.error, read: this.read });
    }
  }

  /** Runs one job of `kind` (cancelling the one before it), posting its progress and its end. */
  private run<T>(
    kind: CalibrationJob,
    work: (call: WorkerCall) => Promise<T>,
    done: (result: T) => void,
  ): Promise<void> {
    this.jobs.get(kind)?.abort();
    const controller = new AbortController();
    this.jobs.set(kind, controller);
    const generation = this.generation;
    const current = () => this.jobs.get(kind) === controller && generation === this.generation && !this.disposed;
    const call: WorkerCall = {
      signal: controller.signal,
      onProgress: (fraction) => current() && this.post({ type: 'jobProgress', job: kind, fraction }),
    };
    this.post({ type: 'jobProgress', job: kind, fraction: 0 });
    const settled = work(call).then(
      (result) => {
        if (current()) done(result);
      },
      (error: unknown) => {
        if (controller.signal.aborted) {
          if (this.jobs.get(kind) === controller || !this.jobs.has(kind))
            this.post({ type: 'jobCancelled', job: kind });
          return;
        }
        if (!current()) return;
        const message = messageOf(error);
        this.ports.log.warn(`${this.label()}: ${kind} failed: ${message}`);
        this.post({ type: 'jobFailed', job: kind, message });
      },
    );
    const finished = settled.finally(() => {
      if (this.jobs.get(kind) === controller) this.jobs.delete(kind);
    });
    this.settled.set(kind, finished);
    return finished;
  }

  /** The binned ECE's interval for the current bin count, in the data worker (the page only shows it). */
  private interval(): Promise<void> {
    const top = this.top;
    if (!top) return Promise.resolve();
    const { bins } = this.settings;
    return this.run(
      'interval',
      (call) => this.ports.worker.interval({ ...copyTop(top), bins }, call),
      (interval) => this.post({ type: 'eceInterval', bins, interval }),
    );
  }

  private smooth(): Promise<void> {
    const top = this.top;
    if (!top) return Promise.resolve();
    return this.run(
      'smooth',
      (call) =>
        this.ports.worker.smooth({ ...copyTop(top), resamples: SMOOTH_RESAMPLES, bandResamples: BAND_RESAMPLES }, call),
      (result) => this.post({ type: 'smooth', result }),
    );
  }

  private recalibrate(method: RecalibrationView['method'], folds: number): Promise<void> {
    const p = this.predictions;
    if (!p) return Promise.resolve();
    const request = {
      probs: Float64Array.from(p.probs),
      labels: Int32Array.from(p.labels),
      rows: p.rows,
      cols: p.cols,
      method,
      folds,
      bins: this.settings.bins,
      file: this.label(),
    };
    return this.run(
      'recalibrate',
      (call) => this.ports.worker.recalibrate(request, call),
      (result) => {
        this.recalibration = result;
        for (const warning of result.warnings) this.ports.log.warn(warning);
        this.post({ type: 'recalibrated', result });
      },
    );
  }

  private async exportCalibrator(framework: SnippetFramework): Promise<void> {
    const fit = this.recalibration;
    if (!fit) return this.ports.showInfo('Recalibrate first: there is no fitted calibrator to export yet.');
    const written = await this.ports.saveCalibrator(this.uri, {
      json: calibratorJson(fit.calibrator),
      python: (jsonName) => calibratorSnippet(fit.calibrator, framework, jsonName),
    });
    if (written) {
      this.lastExport = written;
      this.ports.log.info(`Exported the ${fit.method} calibrator: ${written.join(', ')}`);
    }
  }

  private async copySnippet(framework: SnippetFramework): Promise<void> {
    const fit = this.recalibration;
    if (!fit) return this.ports.showInfo('Recalibrate first: there is no fitted calibrator yet.');
    await this.ports.copyToClipboard(calibratorSnippet(fit.calibrator, framework, suggestedCalibratorName(this.uri)));
    this.ports.showInfo('Copied the lines that apply the calibrator (they read its JSON: export it beside your code).');
  }

  private async compare(pick: boolean, id: string | undefined): Promise<void> {
    if (!this.predictions) return;
    const other = pick || !this.comparedUri ? await this.ports.pickComparisonFile() : this.comparedUri;
    if (!other) return;
    this.comparedUri = other;
    const generation = this.generation;
    return this.run(
      'compare',
      async (call) => {
        const [a, b] = await Promise.all([this.ports.readFile(this.uri), this.ports.readFile(other)]);
        if (generation !== this.generation) throw new Error('the file was read again');
        return this.ports.worker.compare(
          {
            a: { bytes: a, file: this.label() },
            b: { bytes: b, file: this.label(other) },
            read: this.read,
            ...(id ? { id } : {}),
            bins: this.settings.bins,
            resamples: COMPARE_RESAMPLES,
            logitsHint: PANEL_LOGITS_HINT,
          },
          call,
        );
      },
      (result) => {
        this.comparison = result;
        this.post({ type: 'compared', result });
      },
    );
  }

  private async exportFigure(request: Extract<CalibrationWebviewToHost, { type: 'export' }>): Promise<void> {
    try {
      const written = await this.ports.saveFigure(this.uri, request);
      if (!written) return;
      this.lastExport = written;
      this.ports.log.info(`Exported ${written.join(', ')}`);
    } catch (error) {
      const message = `Could not export: ${messageOf(error)}`;
      this.ports.log.error(message);
      this.ports.showError(message);
    }
  }
}

/** `<name>.calibrator.json` beside the predictions file. */
export function suggestedCalibratorName(uri: string): string {
  const name = decodeURIComponent(uri.split('/').pop() ?? 'predictions').replace(/\.[^.]+$/, '');
  return `${name}.calibrator.json`;
}

function copyPayload(p: PredictionsPayload): PredictionsPayload {
  return { ...p, probs: Float64Array.from(p.probs), labels: Int32Array.from(p.labels) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function preview(message: unknown): string {
  try {
    return JSON.stringify(message)?.slice(0, 200) ?? String(message);
  } catch {
    return String(message);
  }
}

/** A copy the worker call can take over (transfer): the controller keeps its own. */
function copyTop(top: { confidence: Float64Array; hit: Uint8Array }): { confidence: Float64Array; hit: Uint8Array } {
  return { confidence: Float64Array.from(top.confidence), hit: Uint8Array.from(top.hit) };
}
