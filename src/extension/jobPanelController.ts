/**
 * What the training and language-model panels' controllers share, without VS Code: the webview's
 * messages parsed (a malformed one is logged and dropped), nothing posted once the panel closed, and
 * one job at a time off the extension host's thread, which Stop and closing the panel cancel and
 * whose end the webview, the log and `finished()` hear of.
 */
import type { Parsed } from './webviewProtocol';

export interface PanelLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type Outcome<T> = T | { status: 'cancelled' } | { status: 'failed'; message: string };
export type FinishStatus = 'done' | 'cancelled' | 'failed';

/** A job off the extension host's thread (a worker). */
export interface Job<O> {
  /** Settles exactly once, whatever happens to the worker. */
  readonly outcome: Promise<O>;
  /** Stops the work at once. */
  cancel(): void;
  /** Resolves when the worker has exited. */
  readonly exited: Promise<void>;
}

/** The status bar item and notification of one job. */
export interface JobProgress {
  start(outcome: Promise<unknown>, cancel: () => void): void;
  dispose(): void;
}

type Finished = { type: 'finished'; status: FinishStatus; message?: string };

/** The ports every such controller is given (each panel's own ports extend these). */
export interface JobPanelPorts<ToWebview> {
  post(message: ToWebview | Finished): void;
  log: PanelLog;
  /** A failure worth a notification, beyond the panel. */
  showError(message: string): void;
}

/** How a panel words its log lines. */
export interface JobPanelWords {
  /** The panel: 'Training panel'. */
  panel: string;
  /** What its job does, as a sentence starts: 'Training'. */
  training: string;
  /** What Stop did to the job: 'the worker was terminated'. */
  stopped: string;
}

export abstract class JobPanelController<ToWebview, FromWebview> {
  protected disposed = false;
  private job?: Job<unknown>;
  private lastJob?: Job<unknown>;
  private finishedWaiters: Array<(status: FinishStatus) => void> = [];

  protected constructor(
    private readonly channel: JobPanelPorts<ToWebview>,
    private readonly parse: (message: unknown) => Parsed<FromWebview>,
    private readonly words: JobPanelWords,
  ) {}

  /** Settles when the current (or next) training finishes. */
  finished(): Promise<FinishStatus> {
    return new Promise((resolve) => this.finishedWaiters.push(resolve));
  }

  /** Resolves when the last job's workers have exited. */
  workerExited(): Promise<void> {
    return this.lastJob?.exited ?? Promise.resolve();
  }

  /** The panel closed: its job is stopped (the workers terminated) and nothing more is posted. */
  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  /** A message from the webview (untrusted: parsed here). */
  async receive(message: unknown): Promise<void> {
    const parsed = this.parse(message);
    if (!parsed.ok) {
      this.channel.log.warn(
        `${this.words.panel}: rejected a malformed message (${parsed.problem}): ${preview(message)}`,
      );
      return;
    }
    await this.handle(parsed.value);
  }

  protected abstract handle(message: FromWebview): Promise<void>;

  protected post(message: ToWebview | Finished): void {
    if (!this.disposed) this.channel.post(message);
  }

  /** Stop: cancels the current job, if any. */
  protected stop(): void {
    this.job?.cancel();
  }

  /**
   * Makes `job` the current one, shown by `progress` until it settles; `started` tells the webview.
   * Resolves to its outcome: the caller keeps a result, then calls `ended`.
   */
  protected async runJob<O>(job: Job<O>, progress: JobProgress, started: () => void): Promise<O> {
    this.job = job;
    this.lastJob = job;
    progress.start(job.outcome, () => job.cancel());
    started();
    const outcome = await job.outcome;
    progress.dispose();
    this.job = undefined;
    return outcome;
  }

  /** The job ended: the webview is told how, a stop or failure logged (a failure also notified), `finished()` settled. */
  protected ended(outcome: Outcome<{ status: 'done' }>): void {
    const { training } = this.words;
    if (outcome.status === 'done') {
      this.post({ type: 'finished', status: 'done' });
    } else if (outcome.status === 'cancelled') {
      this.channel.log.info(`${training} stopped by the user; ${this.words.stopped}.`);
      this.post({ type: 'finished', status: 'cancelled' });
    } else {
      this.channel.log.error(`${training} failed: ${outcome.message}`);
      this.post({ type: 'finished', status: 'failed', message: outcome.message });
      this.channel.showError(`γ-CE ${training.charAt(0).toLowerCase()}${training.slice(1)} failed: ${outcome.message}`);
    }
    for (const resolve of this.finishedWaiters.splice(0)) resolve(outcome.status);
  }
}

/** The start of a message as JSON, for the log. */
export function preview(message: unknown): string {
  try {
    return JSON.stringify(message)?.slice(0, 200) ?? String(message);
  } catch {
    return String(message);
  }
}
