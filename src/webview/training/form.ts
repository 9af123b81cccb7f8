import type { Baseline, GammaSchedule, ModelKind } from '../../core/train/config';
import type { TrainingSetup } from '../../extension/training/protocol';
import { escape } from '../shared/charts';
import { DEFAULT_GCE_Q } from '../../core/losses/options';
import { BASELINES } from '../../core/train/settings';
import { checkForm, FormValues } from './formCheck';
import { byId } from '../shared/dom';
import { showErrors } from '../shared/forms';

/** The paper's settings, by task. */
export const PRESETS: Array<{ label: string; gamma: number; threshold: number }> = [
  { label: 'Language modelling', gamma: 1e-7, threshold: 0.2 },
  { label: 'Translation', gamma: 0.1, threshold: 0.3 },
  { label: 'Summarisation', gamma: 0.8, threshold: 0.2 },
];

const SLIDER_STEPS = 100;
const LOG_MIN = -7;

/** Slider position → γ: 0 is γ = 0, then 1e-7 … 1 evenly in log10. */
export function gammaFromSlider(position: number): number {
  if (position <= 0) return 0;
  return Number((10 ** (LOG_MIN + (-LOG_MIN * (position - 1)) / (SLIDER_STEPS - 1))).toPrecision(3));
}

export function sliderFromGamma(gamma: number): number {
  if (gamma <= 0) return 0;
  const position = 1 + ((Math.log10(gamma) - LOG_MIN) * (SLIDER_STEPS - 1)) / -LOG_MIN;
  return Math.max(1, Math.min(SLIDER_STEPS, Math.round(position)));
}

export function formHtml(): string {
  const field = (id: string, label: string, input: string, hint = '') =>
    `<div class="field"><label for="${id}">${label}</label>${input}<span class="field-error" id="${id}-error" role="alert"></span>${hint ? `<span class="hint">${hint}</span>` : ''}</div>`;
  return `
    <form id="setup" class="setup" novalidate>
      ${field('model', 'Model', `<select id="model"><option value="mlp">MLP (ReLU)</option><option value="logreg">Logistic regression</option></select>`)}
      ${field('hidden', 'Hidden sizes', `<input id="hidden" type="text" inputmode="numeric" placeholder="64 or 64,32">`)}
      ${field('gamma', 'γ', `<input id="gamma-slider" type="range" min="0" max="${SLIDER_STEPS}" step="1" aria-label="γ (log scale)"><input id="gamma" type="text" inputmode="decimal">`, 'log scale; 0 is cross-entropy')}
      <div class="field presets" role="group" aria-label="The paper's settings">
        ${PRESETS.map((p, i) => `<button type="button" class="secondary" data-preset="${i}" title="γ = ${p.gamma}, b = ${p.threshold}">${escape(p.label)} (γ=${p.gamma}, b=${p.threshold})</button>`).join('')}
      </div>
      ${field('threshold', 'Floor b', `<input id="threshold" class="wide" type="text" inputmode="decimal" placeholder="none: closed-form γ-CE">`, 'set b for the paper’s TaiLr form')}
      ${field('schedule', 'γ schedule', `<select id="schedule"><option value="constant">constant</option><option value="linear">linear 0 → γ</option><option value="cosine">cosine 0 → γ</option></select>`)}
      <fieldset class="field baselines"><legend>Baselines</legend>
        <label><input type="checkbox" id="baseline-ls" value="ls"> label smoothing</label>
        <label><input type="checkbox" id="baseline-focal" value="focal"> focal loss</label>
        <label><input type="checkbox" id="baseline-ts" value="ts"> temperature scaling</label>
        <span class="hint">for noisy labels:</span>
        <label><input type="checkbox" id="baseline-gce" value="gce"> GCE</label>
        <label class="inline-field" for="gceQ">q <input id="gceQ" type="text" inputmode="decimal" aria-label="q of GCE"></label>
        <label><input type="checkbox" id="baseline-sce" value="sce"> SCE</label>
        <label><input type="checkbox" id="baseline-mae" value="mae"> MAE (γ-CE at γ = 1)</label>
        <span class="field-error" id="gceQ-error" role="alert"></span>
      </fieldset>
      ${field('sweep', 'Sweep γ', `<input id="sweep" class="wide" type="text" placeholder="e.g. 0, 1e-7, 0.01, 0.1, 0.5, 1">`, 'a run per γ instead of CE vs γ-CE')}
      <p id="sweep-note" class="note" role="status" hidden></p>
      ${field('epochs', 'Epochs', `<input id="epochs" type="number" min="1" step="1">`)}
      ${field('batchSize', 'Batch', `<input id="batchSize" type="number" min="1" step="1">`)}
      ${field('learningRate', 'Learning rate', `<input id="learningRate" type="text" inputmode="decimal">`)}
      ${field('seed', 'Seed', `<input id="seed" type="number" min="0" step="1">`)}
      ${field('noise', 'Label noise', `<input id="noise" type="text" inputmode="decimal">`, 'fraction of training labels flipped, 0–0.9')}
      <fieldset class="field study"><legend>Evidence</legend>
        ${field('seeds', 'Seeds', `<input id="seeds" type="number" min="1" max="20" step="1">`, '1 to 20; more than 1 gives intervals')}
        <label class="check"><input type="checkbox" id="fixedSplit"> fixed split (vary weights, batches and noise only)</label>
        <span class="field-error" id="fixedSplit-error" role="alert"></span>
        ${field('noiseSweep', 'Noise sweep', `<input id="noiseSweep" class="wide" type="text" placeholder="e.g. 0, 0.2, 0.4">`, 'training-label noise rates; test labels stay clean')}
      </fieldset>
      <p id="form-error" class="field-error" role="alert"></p>
      <div class="actions">
        <button type="button" id="run">Run</button>
        <button type="button" id="stop" class="secondary" disabled>Stop</button>
      </div>
    </form>`;
}

export function writeForm(setup: TrainingSetup): void {
  const c = setup.config;
  byId<HTMLSelectElement>('model').value = c.model ?? 'mlp';
  byId<HTMLInputElement>('hidden').value = (c.hidden ?? [64]).join(',');
  byId<HTMLInputElement>('gamma').value = String(c.gamma ?? 0.1);
  byId<HTMLInputElement>('gamma-slider').value = String(sliderFromGamma(c.gamma ?? 0.1));
  byId<HTMLInputElement>('threshold').value =
    c.threshold === null || c.threshold === undefined ? '' : String(c.threshold);
  byId<HTMLSelectElement>('schedule').value = c.schedule ?? 'constant';
  for (const b of BASELINES) byId<HTMLInputElement>(`baseline-${b}`).checked = (c.baselines ?? []).includes(b);
  byId<HTMLInputElement>('gceQ').value = String(c.gceQ ?? DEFAULT_GCE_Q);
  byId<HTMLInputElement>('sweep').value = (c.sweep ?? []).join(', ');
  byId<HTMLInputElement>('epochs').value = String(c.epochs ?? 50);
  byId<HTMLInputElement>('batchSize').value = String(c.batchSize ?? 32);
  byId<HTMLInputElement>('learningRate').value = String(c.learningRate ?? 1e-3);
  byId<HTMLInputElement>('seed').value = String(c.seed ?? 0);
  byId<HTMLInputElement>('noise').value = String(setup.noise);
  byId<HTMLInputElement>('seeds').value = String(c.seeds ?? 1);
  byId<HTMLInputElement>('fixedSplit').checked = c.fixedSplit ?? false;
  byId<HTMLInputElement>('noiseSweep').value = (c.noiseSweep ?? []).join(', ');
  updateSweepNote();
}

/**
 * What a sweep does with the ticked baselines: label smoothing and focal loss have no γ, so a
 * sweep does not train them; temperature scaling is applied to each γ run. Empty without a sweep.
 */
export function sweepBaselineNote(sweepText: string, baselines: readonly Baseline[]): string {
  if (sweepText.trim() === '') return '';
  const dropped = baselines.filter((b) => b !== 'ts').map((b) => BASELINE_NAMES[b]);
  const parts: string[] = [];
  const listed =
    dropped.length > 1 ? `${dropped.slice(0, -1).join(', ')} and ${dropped[dropped.length - 1]}` : dropped[0];
  if (dropped.length)
    parts.push(
      `A sweep trains one γ run per value: ${listed} ${dropped.length > 1 ? 'are' : 'is'} not trained in it (no γ to sweep).`,
    );
  if (baselines.includes('ts')) parts.push('Temperature scaling is applied to each γ run (dashed in the charts).');
  return parts.join(' ');
}

const BASELINE_NAMES: Record<Baseline, string> = {
  ls: 'label smoothing',
  focal: 'focal loss',
  ts: 'temperature scaling',
  gce: 'GCE',
  sce: 'SCE',
  mae: 'MAE',
};

export function checkedBaselines(): Baseline[] {
  return BASELINES.filter((b) => byId<HTMLInputElement>(`baseline-${b}`).checked);
}

/** Shows or hides the sweep note as the sweep field and the baseline boxes change. */
export function updateSweepNote(): void {
  const note = byId<HTMLElement>('sweep-note');
  const text = sweepBaselineNote(byId<HTMLInputElement>('sweep').value, checkedBaselines());
  note.textContent = text;
  note.hidden = text === '';
}

/** The form's values as typed. */
export function formValues(): FormValues {
  const text = (id: string) => byId<HTMLInputElement>(id).value;
  return {
    model: byId<HTMLSelectElement>('model').value as ModelKind,
    hidden: text('hidden'),
    gamma: text('gamma'),
    threshold: text('threshold'),
    schedule: byId<HTMLSelectElement>('schedule').value as GammaSchedule,
    baselines: checkedBaselines(),
    gceQ: text('gceQ'),
    sweep: text('sweep'),
    epochs: text('epochs'),
    batchSize: text('batchSize'),
    learningRate: text('learningRate'),
    seed: text('seed'),
    seeds: text('seeds'),
    fixedSplit: byId<HTMLInputElement>('fixedSplit').checked,
    noiseSweep: text('noiseSweep'),
    noise: text('noise'),
  };
}

/** Reads and checks the form (checkForm); marks the bad fields and returns undefined if any is bad. */
export function readForm(previous: TrainingSetup): TrainingSetup | undefined {
  const checked = checkForm(formValues(), previous);
  showErrors(checked.errors);
  return checked.setup;
}

export function wireFormControls(): void {
  byId<HTMLInputElement>('sweep').addEventListener('input', updateSweepNote);
  document
    .querySelectorAll<HTMLInputElement>('.baselines input')
    .forEach((box) => box.addEventListener('change', updateSweepNote));
  const slider = byId<HTMLInputElement>('gamma-slider');
  const input = byId<HTMLInputElement>('gamma');
  slider.addEventListener('input', () => (input.value = String(gammaFromSlider(Number(slider.value)))));
  input.addEventListener('input', () => {
    const v = Number(input.value);
    if (Number.isFinite(v) && v >= 0 && v <= 1) slider.value = String(sliderFromGamma(v));
  });
  document.querySelectorAll<HTMLButtonElement>('[data-preset]').forEach((button) =>
    button.addEventListener('click', () => {
      const preset = PRESETS[Number(button.dataset.preset)];
      input.value = String(preset.gamma);
      slider.value = String(sliderFromGamma(preset.gamma));
      byId<HTMLInputElement>('threshold').value = String(preset.threshold);
    }),
  );
}
