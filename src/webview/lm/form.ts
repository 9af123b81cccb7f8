import { LM_DEFAULTS, LM_PRESETS } from '../../core/lm/config';
import type { LmSetup } from '../../extension/lm/protocol';
import { escape } from '../shared/charts';
import { byId } from '../shared/dom';
import { showErrors } from '../shared/forms';

/** Whole-number fields (checked as such here; their bounds are resolveLmConfig's, on Run). */
const INTEGERS = ['context', 'layers', 'dim', 'steps', 'batch', 'seed', 'topK'] as const;
const DECIMALS = ['gamma', 'learningRate', 'temperature'] as const;

/** The paper's presets, each with the b it implies: empty b is γ-CE's closed form. */
export const PRESETS = Object.values(LM_PRESETS).map(({ label, values }) => ({
  label,
  gamma: values.gamma ?? LM_DEFAULTS.gamma,
  threshold: values.objective === 'gamma-ce' ? null : (values.threshold ?? LM_DEFAULTS.threshold),
  schedule: values.schedule ?? 'constant',
}));

export function formHtml(): string {
  const field = (id: string, label: string, input: string, hint = '') =>
    `<div class="field"><label for="${id}">${label}</label>${input}<span class="field-error" id="${id}-error" role="alert"></span>${hint ? `<span class="hint">${hint}</span>` : ''}</div>`;
  const text = (id: string) => `<input id="${id}" type="text" inputmode="decimal">`;
  const integer = (id: string) => `<input id="${id}" type="number" min="0" step="1">`;
  return `
    <form id="setup" class="setup" novalidate>
      <div class="field presets" role="group" aria-label="The paper's settings">
        ${PRESETS.map((p, i) => `<button type="button" class="secondary" data-preset="${i}">${escape(p.label)}</button>`).join('')}
      </div>
      ${field('gamma', 'γ', text('gamma'), 'of the second run (its largest, with a schedule)')}
      ${field('threshold', 'Floor b', `<input id="threshold" class="wide" type="text" inputmode="decimal" placeholder="none: closed-form γ-CE">`, 'TaiLr’s floor; empty: γ-CE’s closed form')}
      ${field('schedule', 'γ schedule', `<select id="schedule"><option value="constant">constant</option><option value="linear">linear 0 → γ</option><option value="cosine">cosine 0 → γ</option></select>`)}
      ${field('context', 'Context', integer('context'), 'characters the model sees')}
      ${field('layers', 'Layers', integer('layers'))}
      ${field('dim', 'Width', integer('dim'), `a multiple of ${LM_DEFAULTS.heads} (heads)`)}
      ${field('steps', 'Steps', integer('steps'))}
      ${field('batch', 'Batch', integer('batch'))}
      ${field('learningRate', 'Learning rate', text('learningRate'))}
      ${field('seed', 'Seed', integer('seed'), 'weights, batches and samples')}
      ${field('temperature', 'Temperature', text('temperature'), 'of the samples')}
      ${field('topK', 'Top-k', integer('topK'), '0: every character')}
      <p class="note" id="held-out-note">Held-out text: the last 10 % of each file (never trained on).</p>
      <p id="form-error" class="field-error" role="alert"></p>
      <div class="actions">
        <button type="button" id="run">Run</button>
        <button type="button" id="stop" class="secondary" disabled>Stop</button>
        <button type="button" class="secondary" id="choose-text">Choose other text…</button>
      </div>
    </form>`;
}

export function writeForm(setup: LmSetup): void {
  const value = { ...LM_DEFAULTS, ...setup };
  for (const id of [...INTEGERS, ...DECIMALS]) byId<HTMLInputElement>(id).value = String(value[id]);
  const threshold = setup.threshold === undefined ? LM_DEFAULTS.threshold : setup.threshold;
  byId<HTMLInputElement>('threshold').value = threshold === null ? '' : String(threshold);
  byId<HTMLSelectElement>('schedule').value = value.schedule;
}

/** The form's values, each a number of the right kind; the bad fields marked and undefined if any is bad. */
export function readForm(): LmSetup | undefined {
  const errors: Array<[string, string]> = [];
  const setup: Record<string, unknown> = {};
  for (const id of [...INTEGERS, ...DECIMALS]) {
    const text = byId<HTMLInputElement>(id).value.trim();
    const v = Number(text);
    if (text === '' || !Number.isFinite(v)) errors.push([id, `${id} must be a number, got '${text}'`]);
    else if ((INTEGERS as readonly string[]).includes(id) && !Number.isInteger(v))
      errors.push([id, `${id} must be a whole number, got ${text}`]);
    else setup[id] = v;
  }
  const b = byId<HTMLInputElement>('threshold').value.trim();
  if (b === '') setup.threshold = null;
  else if (!Number.isFinite(Number(b))) errors.push(['threshold', `threshold must be a number or empty, got '${b}'`]);
  else setup.threshold = Number(b);
  setup.schedule = byId<HTMLSelectElement>('schedule').value;
  showErrors(errors);
  return errors.length ? undefined : (setup as LmSetup);
}

export function wirePresets(): void {
  document.querySelectorAll<HTMLButtonElement>('[data-preset]').forEach((button) =>
    button.addEventListener('click', () => {
      const preset = PRESETS[Number(button.dataset.preset)];
      byId<HTMLInputElement>('gamma').value = String(preset.gamma);
      byId<HTMLInputElement>('threshold').value = preset.threshold === null ? '' : String(preset.threshold);
      byId<HTMLSelectElement>('schedule').value = preset.schedule;
    }),
  );
}
