import { DifferenceSummary, excludesZero, MetricSummary, StudySummary } from './summary';

/**
 * One sentence per run on what the seeds support, for report.md and the CLI: the reference run's
 * means with their intervals; for every other run whether its accuracy and ECE differ from the
 * reference's by more than seed-to-seed variation (the paired 95 % interval excludes 0).
 */
export function evidenceSentences(summary: StudySummary, reference: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, metrics] of Object.entries(summary.runs)) {
    const diff = summary.differences[name]?.vsCE;
    if (name === reference || !diff) {
      const n = metrics.accuracy.n;
      const what = name === reference ? 'the reference' : `no ${reference ?? 'CE'} run to compare with`;
      out[name] =
        `${name} (${what}): test accuracy ${estimate(metrics.accuracy)} and ECE ${estimate(metrics.ece)} over ${seedCount(n)}.`;
      continue;
    }
    const n = Math.min(diff.accuracy.n, diff.ece.n);
    if (n < 2) {
      out[name] =
        `${name}: ${seedCount(n)} paired with ${reference}, so no interval: train more seeds before reading anything into its difference from ${reference}.`;
      continue;
    }
    const accuracy = verdict(diff.accuracy, 'more accurate', 'less accurate', 'accuracy');
    const ece = verdict(diff.ece, 'worse calibrated', 'better calibrated', 'ECE');
    out[name] = `${name}, over ${seedCount(n)} paired with ${reference}: ${accuracy}; ${ece}.`;
  }
  return out;
}

/**
 * When no noise was injected the test labels are as noisy as the file's own, and a loss that
 * refuses to fit noisy labels can look worse calibrated against them.
 */
export function cleanEvaluationNote(noise: number): string | null {
  if (noise > 0) return null;
  return (
    'No label noise was injected: the test split carries whatever noise the file’s own labels have, so this compares the losses on this data as it is. ' +
    'A loss that refuses to fit noisy labels can look worse calibrated against noisy test labels; inject noise (validation and test stay clean) to ask how each loss copes with noisy training labels.'
  );
}

function verdict(d: DifferenceSummary, higher: string, lower: string, metric: string): string {
  const interval = `Δ ${metric} ${signed(d.mean!)}, 95 % interval ${signed(d.low!)} to ${signed(d.high!)}`;
  if (!excludesZero(d)) return `no clear ${metric} difference (${interval}, which includes 0)`;
  return `${d.low! > 0 ? higher : lower} (${interval})`;
}

function estimate(m: MetricSummary): string {
  if (m.mean === null) return 'unavailable';
  if (m.low === null || m.high === null) return fixed(m.mean);
  return `${fixed(m.mean)} ± ${fixed((m.high - m.low) / 2)}`;
}

function seedCount(n: number): string {
  return n === 1 ? 'one seed' : `${n} seeds`;
}

/** Three decimals, or two significant digits below 0.01, so that small ECE differences stay visible. */
function fixed(x: number): string {
  return Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(3) : x.toPrecision(2);
}

function signed(x: number): string {
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${fixed(Math.abs(x))}`;
}
