import { escape } from '../shared/charts';
import { panelShellHtml, sectionHtml } from '../shared/panelShell';
import { formHtml } from './form';

/** The panel's page: header, data and setup side by side, the results below. Every id is unique (unit-tested). */
export function shellHtml(): string {
  return panelShellHtml({
    title: 'Train with γ-CE',
    summary: 'Loading the dataset…',
    input: sectionHtml(
      'data',
      'Data',
      `
      <div id="data"></div>
      <div id="data-actions" class="data-actions">
        <button type="button" class="secondary" id="choose-dataset">Choose another dataset…</button>
      </div>`,
    ),
    setup: `
      ${formHtml()}`,
    resultsHeading: 'Results',
    results: `
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
    <div id="study"></div>`,
  });
}

/** The label field shown when a file could not be used, so that another column can be tried without the CLI's --label. */
export function labelRetryHtml(label: string): string {
  return `
    <div class="field"><label for="label-retry">Label column</label><input id="label-retry" class="wide" type="text" placeholder="the column of the classes" value="${escape(label)}">
      <button type="button" class="secondary" id="label-retry-load">Load with this label</button></div>`;
}
