import type { DatasetView } from '../../extension/training/protocol';
import { escape } from '../shared/charts';

/** The data section of a loaded file: label column, classes, the columns to use, warnings. */
export function datasetHtml(view: DatasetView): string {
  const labelOptions = view.columns
    .map((c) => `<option${c.name === view.label ? ' selected' : ''}>${escape(c.name)}</option>`)
    .join('');
  const classes = view.classNames
    .map((name, k) => `<tr><td>${escape(name)}</td><td>${view.classCounts[k]}</td></tr>`)
    .join('');
  const columns = view.columns
    .filter((c) => c.role !== 'label')
    .map(
      (c) =>
        `<tr><td><label><input type="checkbox" data-column="${escape(c.name)}" ${c.role === 'feature' ? 'checked' : ''} ${c.type === 'text' ? 'disabled data-text' : ''}> ${escape(c.name)}</label></td>` +
        `<td>${c.type}</td><td>${c.missing || ''}</td><td class="muted">${escape(c.reason ?? '')}</td></tr>`,
    )
    .join('');
  const warnings = view.warnings.length
    ? `<ul class="warnings">${view.warnings.map((w) => `<li>${escape(w)}</li>`).join('')}</ul>`
    : '';
  return `
    <div class="field"><label for="label-column">Label column</label><select id="label-column">${labelOptions}</select></div>
    <table class="metrics compact"><caption>Classes</caption><thead><tr><th>class</th><th>rows</th></tr></thead><tbody>${classes}</tbody></table>
    <details><summary>Columns (${view.columns.length - 1} besides the label)</summary>
      <table class="metrics compact"><thead><tr><th>use</th><th>type</th><th>missing</th><th>why</th></tr></thead><tbody>${columns}</tbody></table>
    </details>${warnings}`;
}
