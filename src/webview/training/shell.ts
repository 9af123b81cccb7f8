import { escape } from '../shared/charts';
import { formHtml } from './form';

/** The panel's page: header, data and setup side by side, the results below. Every id is unique (unit-tested). */
export function shellHtml(): string {
  return `
  <header>
    <h1 id="title">Train with γ-CE</h1>
    <p id="summary" class="muted">Loading the dataset…</p>
  </header>
  <div id="error" class="error" role="alert" hidden></div>
  <div class="layout">
    <section class="panel-section" id="data-section" aria-labelledby="data-heading">
      <h2 id="data-heading">Data</h2>
      <div id="data"></div>
      <div id="data-actions" class="data-actions">
        <button type="button" class="secondary" id="choose-dataset">Choose another dataset…</button>
      </div>
    </section>
    <section class="panel-section" id="setup-section" aria-labelledby="setup-heading">
      <h2 id="setup-heading">Setup</h2>
      ${formHtml()}
      <p id="status" class="muted" aria-live="polite"></p>
      <progress id="progress" max="1" value="0" hidden></progress>
    </section>
  </div>
  <section class="panel-section" id="results-section" aria-labelledby="results-heading" hidden>
    <h2 id="results-heading">Results</h2>
    <div class="toolbar">
      <button type="button" id="export">Export run folder…</button>
      <button type="button" class="secondary" id="insert-loss">Insert this loss in my code</button>
      <span id="backend" class="muted"></span>
    </div>
    <div id="legend" class="legend"></div>
    <div id="curves"></div>
    <div id="metrics"></div>
    <div id="sweep-results"></div>
    <div id="diagrams" class="run-grid"></div>
    <div id="study"></div>
  </section>`;
}

/** The label field shown when a file could not be used, so that another column can be tried without the CLI's --label. */
export function labelRetryHtml(label: string): string {
  return `
    <div class="field"><label for="label-retry">Label column</label><input id="label-retry" class="wide" type="text" placeholder="the column of the classes" value="${escape(label)}">
      <button type="button" class="secondary" id="label-retry-load">Load with this label</button></div>`;
}
