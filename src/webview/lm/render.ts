import type { CorpusView } from '../../extension/lm/protocol';
import { escape } from '../shared/charts';
import { byId } from '../shared/dom';
import { panelShellHtml, sectionHtml, showRegions, showStatus } from '../shared/panelShell';
import { formHtml } from './form';
import { curvesHtml, diagramsHtml, metricsHtml, repetitionHtml, samplesHtml } from './results';
import { LmViewState, progressOf } from './viewState';

/** The panel's page: text and setup side by side, the curves and results below. Every id is unique. */
export function shellHtml(): string {
  return panelShellHtml({
    title: 'Train a language model',
    summary: 'Reading the text…',
    input: sectionHtml('text', 'Text', '\n      <div id="text"></div>'),
    setup: `
      <p class="muted">A character-level causal Transformer, trained twice from the same initial weights and batches: plain cross-entropy (CE), and TaiLr (or γ-CE with an empty b).</p>
      ${formHtml()}`,
    resultsHeading: 'Training and results',
    results: `
    <div id="curves"></div>
    <div id="metrics"></div>
    <h3 id="generation-heading" hidden>Generation</h3>
    <div id="generation"></div>
    <h3 id="calibration-heading" hidden>Next-character calibration (top label)</h3>
    <div id="diagrams" class="run-grid"></div>`,
  });
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
  const names = view.files.length ? view.files.join(', ') : '';
  byId('title').textContent = `Train a language model${names ? ` · ${names}` : ''}`;
  byId('summary').textContent = view.corpus
    ? `${view.corpus.files.length} file${view.corpus.files.length > 1 ? 's' : ''}, ${(view.corpus.trainChars + view.corpus.heldOutChars).toLocaleString('en')} characters`
    : view.textError
      ? 'The text cannot be used as it is.'
      : 'Reading the text…';
  byId('error').hidden = view.textError === undefined;
  byId('error').textContent = view.textError ?? '';
  showStatus(view.status, view.running, progressOf(view));
  showRegions(regionsHtml(view), shown);
  byId('results-section').hidden = view.names.length === 0;
  byId('generation-heading').hidden = view.runs.length === 0;
  byId('calibration-heading').hidden = view.runs.length === 0;
  byId<HTMLButtonElement>('run').disabled = view.running || !view.corpus;
  byId<HTMLButtonElement>('stop').disabled = !view.running;
  byId<HTMLButtonElement>('choose-text').disabled = view.running;
}
