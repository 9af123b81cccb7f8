/**
 * The page the training and language-model panels share: a header, an error line, the panel's
 * input and its setup side by side, the results below; and drawing its regions.
 */
import { byId } from './dom';

export interface ShellParts {
  title: string;
  /** The header's line before anything is read. */
  summary: string;
  /** The input's section (`sectionHtml`), beside the setup. */
  input: string;
  /** The setup section's content: the form, with anything before it. */
  setup: string;
  resultsHeading: string;
  results: string;
}

/** A section whose heading labels it: ids `${id}-section` and `${id}-heading`. */
export function sectionHtml(id: string, heading: string, body: string): string {
  return `
    <section class="panel-section" id="${id}-section" aria-labelledby="${id}-heading">
      <h2 id="${id}-heading">${heading}</h2>${body}
    </section>`;
}

/** The whole page; besides the parts' ids: title, summary, error, status, progress. */
export function panelShellHtml(parts: ShellParts): string {
  return `
  <header>
    <h1 id="title">${parts.title}</h1>
    <p id="summary" class="muted">${parts.summary}</p>
  </header>
  <div id="error" class="error" role="alert" hidden></div>
  <div class="layout">${parts.input}${sectionHtml(
    'setup',
    'Setup',
    `${parts.setup}
      <p id="status" class="muted" aria-live="polite"></p>
      <progress id="progress" max="1" value="0" hidden></progress>`,
  )}
  </div>
  <section class="panel-section" id="results-section" aria-labelledby="results-heading" hidden>
    <h2 id="results-heading">${parts.resultsHeading}</h2>${parts.results}
  </section>`;
}

/** The status line and, while running, the progress bar (a fraction done). */
export function showStatus(status: string, running: boolean, progress: number): void {
  byId('status').textContent = status;
  byId('progress').hidden = !running;
  byId('progress').setAttribute('value', String(progress));
}

/** Sets each region's markup, touching only those that changed since `shown` (which it keeps up to date). */
export function showRegions(regions: Record<string, string>, shown: Map<string, string>): void {
  for (const [id, html] of Object.entries(regions)) {
    if (shown.get(id) === html) continue;
    shown.set(id, html);
    byId(id).innerHTML = html;
  }
}
