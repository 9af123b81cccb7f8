import type { CorpusView } from '../../extension/lm/protocol';
import { escape } from '../shared/charts';
import { formHtml } from './form';
import { curvesHtml, diagramsHtml, metricsHtml, repetitionHtml, samplesHtml } from './results';
import { LmViewState, progressOf } from './viewState';

/** The panel's page: text and setup side by side, the curves and results below. Every id is unique. */
export function shellHtml(): string {
  return `
  <header>
    <h1 id="title">Train a language model</h1>
    <p id="summary" class="muted">Reading the text…</p>
  </header>
  <div id="error" class="error" role="alert" hidden></div>
  <div class="layout">
    <section class="panel-section" id="text-section" aria-labelledby="text-heading">
      <h2 id="text-heading">Text</h2>
      <div id="text"></div>
    </section>
    <section class="panel-section" id="setup-section" aria-labelledby="setup-heading">
      <h2 id="setup-heading">Setup</h2>
      <p class="muted">A character-level causal Transformer, trained twice from the same initial weights and batches: plain cross-entropy (CE), and TaiLr (or γ-CE with an empty b).</p>
      ${formHtml()}
      <p id="status" class="muted" aria-live="polite"></p>
      <progress id="progress" max="1" value="0" hidden></progress>
    </section>
  </div>
  <section class="panel-section" id="results-section" aria-labelledby="results-heading" hidden>
    <h2 id="results-heading">Training and results</h2>
    <div id="curves"></div>
    <div id="metrics"></div>
    <h3 id="generation-heading" hidden>Generation</h3>
    <div id="generation"></div>
    <h3 id="calibration-heading" hidden>Next-character calibration (top label)</h3>
    <div id="diagrams" class="run-grid"></div>
  </section>`;
}

export function corpusHtml(c: CorpusView): string {
  const files = c.files.map((f) => `<li>${escape(f)}</li>`).join('');
  return (
    `<ul class="files">${files}</ul>` +
    `<p>${c.trainChars.toLocaleString('en')} training characters, ${c.heldOutChars.toLocaleString('en')} held out (the last ${c.heldOutFraction * 100} % of each file); ${c.vocabulary} distinct characters.</p>` +
    `<p class="muted">Unigram entropy: ${c.unigramBitsPerChar.toFixed(3)} bits/char (a model that ignores the context).</p>`
  );
}

/** Every region's markup from the state: pure, so that it is tested in Node. */
export function regionsHtml(view: LmViewState): Record<string, string> {
  const done = view.runs.length > 0;
  return {
    text: view.corpus ? corpusHtml(view.corpus) : view.files.map((f) => `<p>${escape(f)}</p>`).join(''),
    curves: view.names.length ? curvesHtml(view.names, view.live) : '',
    metrics: done ? metricsHtml(view) : '',
    diagrams: done ? diagramsHtml(view.runs, view.restored) : '',
    generation: done ? `${samplesHtml(view.runs)}${repetitionHtml(view)}` : '',
  };
}

const shown = new Map<string, string>();

/** The one render function: the state onto the page, touching only what changed. */
export function render(view: LmViewState): void {
  const $ = (id: string) => document.getElementById(id)!;
  const names = view.files.length ? view.files.join(', ') : '';
  $('title').textContent = `Train a language model${names ? ` · ${names}` : ''}`;
  $('summary').textContent = view.corpus
    ? `${view.corpus.files.length} file${view.corpus.files.length > 1 ? 's' : ''}, ${(view.corpus.trainChars + view.corpus.heldOutChars).toLocaleString('en')} characters`
    : view.textError
      ? 'The text cannot be used as it is.'
      : 'Reading the text…';
  $('error').hidden = view.textError === undefined;
  $('error').textContent = view.textError ?? '';
  $('status').textContent = view.status;
  $('progress').hidden = !view.running;
  $('progress').setAttribute('value', String(progressOf(view)));
  for (const [id, html] of Object.entries(regionsHtml(view))) {
    if (shown.get(id) === html) continue;
    shown.set(id, html);
    $(id).innerHTML = html;
  }
  $('results-section').hidden = view.names.length === 0;
  $('generation-heading').hidden = view.runs.length === 0;
  $('calibration-heading').hidden = view.runs.length === 0;
  ($('run') as HTMLButtonElement).disabled = view.running || !view.corpus;
  ($('stop') as HTMLButtonElement).disabled = !view.running;
  ($('choose-text') as HTMLButtonElement).disabled = view.running;
}
