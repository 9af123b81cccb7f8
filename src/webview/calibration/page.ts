import { LOGITS_CHECKBOX_LABEL, MAX_BINS, MAX_FOLDS, MIN_BINS, MIN_FOLDS } from '../../extension/calibration/constants';

/**
 * The panel's fixed markup: the controls, and an empty element per region that the render fills
 * (see view.ts). Every field sits in a form, so Enter applies it (forms never submit: see forms.ts).
 */
export function pageMarkup(): string {
  return `
  <header>
    <h1 id="title">Calibration</h1>
    <p id="summary" class="muted">Loading…</p>
  </header>
  <form id="read-options" class="controls" aria-label="How the file is read">
    <label for="label-column">Label column</label>
    <input id="label-column" type="text" placeholder="label" size="12">
    <label><input id="softmax" type="checkbox"> ${LOGITS_CHECKBOX_LABEL}</label>
    <button type="submit" class="secondary">Re-read</button>
  </form>
  <div id="banner" class="banner" hidden>
    <span>The file changed on disk.</span> <button id="reload" type="button">Reload</button>
  </div>
  <div id="error" class="error" role="alert" hidden></div>
  <section id="content" hidden>
    <form class="controls" id="controls" novalidate>
      <label for="bins">Bins</label>
      <input id="bins" type="number" min="${MIN_BINS}" max="${MAX_BINS}" step="1" required aria-describedby="bins-error">
      <input id="bins-range" type="range" min="${MIN_BINS}" max="${MAX_BINS}" step="1" aria-label="Bins (slider)">
      <span id="bins-error" class="bins-error" role="alert" hidden></span>
      <label for="scheme">Binning</label>
      <select id="scheme">
        <option value="equal-width">Equal width</option>
        <option value="equal-mass">Equal mass</option>
      </select>
      <label for="view">Classes</label>
      <select id="view"></select>
      <label for="convention">Convention</label>
      <select id="convention" aria-describedby="convention-note">
        <option value="guo">Ours (Guo et al.)</option>
        <option value="torchmetrics">torchmetrics 1.9</option>
        <option value="netcal">netcal 1.3</option>
      </select>
      <label><input id="smooth-curve" type="checkbox"> smoothed curve (relplot)</label>
      <button id="export" type="button" title="Save the diagram and histogram as SVG and PNG (light or as shown) and the metrics as JSON">Export…</button>
    </form>
    <p id="convention-note" class="muted convention-note"></p>
    <div class="charts">
      <figure id="diagram"></figure>
      <figure id="histogram"></figure>
    </div>
    <p id="interval-status" class="job-status" aria-live="polite"></p>
    <p id="smooth-status" class="job-status" aria-live="polite"></p>
    <table id="metrics" class="metrics" aria-label="Calibration metrics"></table>
    <p id="status" class="muted" aria-live="polite"></p>

    <details id="per-class" class="section">
      <summary>Per class</summary>
      <p class="muted">Click a column to sort, a class to see its one-vs-rest diagram above.</p>
      <table id="classes" class="metrics compact sortable" aria-label="Per-class calibration"></table>
    </details>

    <details id="recalibrate" class="section">
      <summary>Recalibrate…</summary>
      <form id="recal-form" class="controls" novalidate>
        <label for="method">Method</label>
        <select id="method">
          <option value="temperature">Temperature scaling</option>
          <option value="histogram">Histogram binning</option>
          <option value="isotonic">Isotonic regression</option>
        </select>
        <label for="folds">Folds</label>
        <input id="folds" type="number" min="${MIN_FOLDS}" max="${MAX_FOLDS}" step="1" value="5" aria-describedby="folds-error">
        <span id="folds-error" class="bins-error" role="alert" hidden></span>
        <button id="recal-run" type="submit">Recalibrate</button>
      </form>
      <p id="recal-status" class="job-status" aria-live="polite"></p>
      <div id="recal-result"></div>
      <div class="controls">
        <label for="framework">Apply with</label>
        <select id="framework">
          <option value="pytorch">PyTorch</option>
          <option value="numpy">NumPy</option>
          <option value="jax">JAX</option>
        </select>
        <button id="export-calibrator" type="button" disabled title="Save the fitted calibrator as JSON and the lines that apply it beside it">Export…</button>
        <button id="copy-snippet" type="button" class="secondary" disabled>Copy the lines</button>
      </div>
    </details>

    <details id="compare" class="section">
      <summary>Compare with…</summary>
      <form id="compare-form" class="controls" novalidate>
        <label for="id-column">Id column</label>
        <input id="id-column" type="text" placeholder="id (if both have it)" size="14">
        <button id="compare-pick" type="button">Compare with…</button>
        <button id="compare-again" type="button" class="secondary" disabled>Compare again</button>
      </form>
      <p id="compare-status" class="job-status" aria-live="polite"></p>
      <div id="compare-result"></div>
    </details>
  </section>`;
}
