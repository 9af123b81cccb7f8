/**
 * The language-model panel's host side without VS Code: idle → loading (the text) → idle;
 * idle → running (from Run until both runs end) → idle. Every file problem (empty, binary, not
 * UTF-8, too small for the context) becomes one message naming the file, and the form stays usable.
 */
import { LmConfig, LmConfigError, resolveLmConfig } from '../../core/lm/config';
import { buildCorpus, Corpus, HELD_OUT_FRACTION, unigramBitsPerChar } from '../../core/lm/corpus';
import { DataFileError } from '../../core/data/dataFileError';
import { lmReference } from '../../core/lm/experiment';
import { tokenPredictionsCsv } from '../../core/lm/predictionsFile';
import { lmRunSpecs, LmRunOutcome } from '../../core/lm/run';
import type { TextFile } from '../../core/lm/text';
import { JobPanelController } from '../jobPanelController';
import type { LmPorts } from './ports';
import {
  CorpusView,
  HostToLmWebview,
  LmPanelState,
  LmSetup,
  LmWebviewToHost,
  parseLmWebviewMessage,
  setupConfig,
} from './protocol';

export type LmPhase = 'idle' | 'loading' | 'running';

export class LmController extends JobPanelController<HostToLmWebview, LmWebviewToHost> {
  private phase: LmPhase = 'idle';
  private corpus?: Corpus;
  private error?: string;
  private outcomes?: LmRunOutcome[];
  private generation = 0;

  constructor(
    private readonly ports: LmPorts,
    private setup: LmSetup,
    /** What the webview last saved (parsed): given back to it when it starts again. */
    private saved?: LmPanelState,
  ) {
    super(ports, parseLmWebviewMessage, {
      panel: 'Language-model panel',
      training: 'Language-model training',
      stopped: 'the workers were terminated',
    });
  }

  get state(): { phase: LmPhase; corpus?: Corpus; error?: string; outcomes?: LmRunOutcome[]; setup: LmSetup } {
    return { phase: this.phase, corpus: this.corpus, error: this.error, outcomes: this.outcomes, setup: this.setup };
  }

  protected async handle(m: LmWebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (this.saved) this.post({ type: 'restore', state: this.saved });
        await this.loadText(this.setup);
        return;
      case 'checkText':
        if (this.phase === 'running') return;
        this.setup = m.setup;
        await this.loadText(m.setup);
        return;
      case 'run':
        return this.run(m.setup);
      case 'stop':
        return this.stop();
      case 'openInCalibration':
        return this.openInCalibration(m.run);
      case 'chooseText':
        return this.chooseText();
      case 'state':
        this.saved = m.state;
        this.setup = m.state.setup;
        return;
      case 'log':
        this.ports.log[m.level](`Language-model webview: ${m.message}`);
        return;
    }
  }

  /** The files read, decoded and split for the setup's context; undefined (and one message) when they cannot be. */
  private async loadText(setup: LmSetup): Promise<{ files: TextFile[]; corpus: Corpus } | undefined> {
    const generation = ++this.generation;
    const running = this.phase === 'running';
    if (!running) this.phase = 'loading';
    this.post({ type: 'textLoading', sources: this.ports.sources(), files: this.ports.fileLabels() });
    try {
      const context = contextOf(setup);
      const files = await this.ports.readText();
      const corpus = buildCorpus(files, context);
      if (generation !== this.generation) return undefined; // a newer load replaced this one
      this.corpus = corpus;
      this.error = undefined;
      this.post({ type: 'text', corpus: corpusView(corpus) });
      return { files, corpus };
    } catch (error) {
      if (generation !== this.generation) return undefined;
      if (!(error instanceof DataFileError) && !(error instanceof LmConfigError) && !isReadError(error)) throw error;
      this.corpus = undefined;
      this.error = error.message;
      this.ports.log.warn(error.message);
      this.post({ type: 'textError', message: error.message });
      return undefined;
    } finally {
      if (!running && generation === this.generation) this.phase = 'idle';
    }
  }

  private async chooseText(): Promise<void> {
    if (this.phase === 'running') return;
    if (!(await this.ports.chooseText()) || this.disposed) return;
    this.outcomes = undefined;
    await this.loadText(this.setup);
  }

  private async run(setup: LmSetup): Promise<void> {
    if (this.phase === 'running') return;
    let config: LmConfig;
    try {
      config = resolveLmConfig(setupConfig(setup));
    } catch (error) {
      if (!(error instanceof LmConfigError)) throw error;
      this.ports.log.warn(`Language-model panel: refused the setup: ${error.message}`);
      this.post({ type: 'setupError', field: fieldOf(error.message), message: error.message });
      return;
    }
    this.setup = setup;
    this.phase = 'running';
    try {
      const text = await this.loadText(setup);
      if (!text || this.disposed) return;
      await this.train(text.files, text.corpus, config);
    } finally {
      this.phase = 'idle';
    }
  }

  private async train(files: TextFile[], corpus: Corpus, config: LmConfig): Promise<void> {
    const names = lmRunSpecs(config).map((s) => s.name);
    const progress = this.ports.progress(config.steps);
    this.ports.log.info(`Training language models on ${this.ports.fileLabels().join(', ')}: ${JSON.stringify(config)}`);
    const job = this.ports.startRuns(files, config, (run, point) => {
      progress.onPoint(names[run] ?? `run ${run}`, point);
      this.post({ type: 'point', run, point });
    });
    this.outcomes = undefined;
    const outcome = await this.runJob(job, progress, () =>
      this.post({ type: 'started', runs: names, steps: config.steps }),
    );
    if (outcome.status === 'done') {
      this.outcomes = outcome.outcomes;
      const runs = outcome.outcomes.map((o) => o.report);
      this.post({ type: 'results', runs, reference: lmReference(corpus, config), backend: outcome.backend });
      this.ports.log.info(
        `Language models trained on ${outcome.backend}: ${runs.map((r) => `${r.name} ${r.test ? `${r.test.bitsPerChar.toFixed(3)} bits/char` : r.status}`).join('; ')}`,
      );
    }
    this.ended(outcome);
  }

  private async openInCalibration(run: number): Promise<void> {
    const outcome = this.outcomes?.[run];
    if (!outcome?.predictions || !this.corpus) {
      this.ports.log.warn(`Language-model panel: no predictions for run ${run}`);
      return;
    }
    await this.ports.openInCalibration(
      outcome.report.name,
      tokenPredictionsCsv(this.corpus.vocabulary, outcome.predictions),
    );
  }
}

/** The setup's context length, checked (a bad one is an LmConfigError naming it). */
function contextOf(setup: LmSetup): number {
  return resolveLmConfig({ context: setup.context }).context;
}

/** resolveLmConfig's messages start with the setting's name. */
export function fieldOf(message: string): string {
  return /^[A-Za-z]+/.exec(message)?.[0] ?? '';
}

/** A file that could not be read at all (the port words it, naming the file). */
export class TextReadError extends Error {}

function isReadError(error: unknown): error is Error {
  return error instanceof TextReadError;
}

export function corpusView(corpus: Corpus): CorpusView {
  return {
    files: corpus.files,
    trainChars: corpus.trainChars,
    heldOutChars: corpus.heldOutChars,
    vocabulary: corpus.vocabulary.size,
    heldOutFraction: HELD_OUT_FRACTION,
    unigramBitsPerChar: unigramBitsPerChar(corpus),
  };
}
