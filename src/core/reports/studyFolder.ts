import { cleanEvaluationNote, evidenceSentences } from '../stats/evidence';
import {
  DifferenceSummary,
  excludesZero,
  INTERVAL_METHOD,
  MetricSummary,
  StudySummary,
  TEST_METRICS,
  TestMetric,
} from '../stats/summary';
import type { SeedStudyReport } from '../train/studyPlan';
import { seedStudyJson } from '../train/studyPlan';
import { predictionsCsv } from './predictionsCsv';
import type { ReportFile } from './reportFile';
import { predictionsFileName } from './runFolder';

export const STUDY_METRIC_LABELS: Record<TestMetric, string> = {
  accuracy: 'accuracy',
  ece: 'ECE',
  mce: 'MCE',
  adaptiveEce: 'adapt.ECE',
  nll: 'NLL',
  brier: 'Brier',
};

/** "0.9612 ± 0.0103": the mean and the half-width of its interval (the mean alone for one seed). */
export function summaryCell(m: MetricSummary): string {
  if (m.mean === null) return '–';
  return m.low === null || m.high === null
    ? m.mean.toFixed(4)
    : `${m.mean.toFixed(4)} ± ${((m.high - m.low) / 2).toFixed(4)}`;
}

/** "+0.1180 ± 0.0210*": the paired difference, its half-width, and * when the interval excludes 0. */
export function differenceCell(d: DifferenceSummary): string {
  if (d.mean === null) return '–';
  const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`;
  if (d.low === null || d.high === null) return signed(d.mean);
  return `${signed(d.mean)} ± ${((d.high - d.low) / 2).toFixed(4)}${excludesZero(d) ? '*' : ' '}`;
}

/** The study's runs named for their predictions files: "CE seed 3" (and "noise 0.2" in a sweep). */
export function studyPredictionRuns(report: SeedStudyReport) {
  return report.runs.map((run) => ({
    name: `${run.name}${run.noise === undefined ? '' : ` noise ${run.noise}`} seed ${run.seed}`,
    predictions: run.predictions,
  }));
}

/**
 * The files of a seed study's folder, for the CLI (`train --seeds N --out`) and the training panel
 * alike: report.json (as `train --json` prints it), a predictions CSV per run and seed, and report.md.
 */
export function studyFolderFiles(report: SeedStudyReport): ReportFile[] {
  const files: ReportFile[] = [{ name: 'report.json', content: `${JSON.stringify(seedStudyJson(report), null, 2)}\n` }];
  for (const run of studyPredictionRuns(report)) {
    if (!run.predictions) continue;
    const { probs, labels } = run.predictions;
    files.push({ name: predictionsFileName(run), content: predictionsCsv(report.dataset.classNames, probs, labels) });
  }
  files.push({ name: 'report.md', content: studyMarkdown(report) });
  return files;
}

/** report.md of a study: the setup, then per noise rate the summary, the paired differences and one sentence per run. */
export function studyMarkdown(report: SeedStudyReport): string {
  const { dataset, config, seeds } = report;
  const r = dataset.rows;
  const model = `model ${config.model}${config.model === 'mlp' ? ` ${config.hidden.join('→')}` : ''}`;
  const lines = [
    `# γ-CE study: ${dataset.file}`,
    '',
    `Backend ${report.backend}; ${r.train}/${r.validation}/${r.test} rows (train/validation/test); ${model}, ` +
      `${config.epochs} epochs, batch ${config.batchSize}, learning rate ${config.learningRate}.`,
    `${seeds.length} seeds (${seeds[0]}–${seeds[seeds.length - 1]}), each varying the initial weights, batch order, ` +
      `noise draw${config.fixedSplit ? ' (split fixed)' : ' and split'}. Intervals: ${INTERVAL_METHOD}.`,
  ];
  const sections = report.noiseSweep ?? [{ noise: report.noise, summary: report.summary! }];
  for (const { noise, summary } of sections) {
    lines.push('', `## Training-label noise ${noise}${noise > 0 ? ' (validation and test clean)' : ''}`, '');
    lines.push(...summaryTable(summary));
    if (Object.keys(summary.differences).length > 0) {
      lines.push('', `Difference from ${report.reference}, paired by seed (* where the 95 % interval excludes 0):`, '');
      lines.push(...differencesTable(summary));
    }
    lines.push('', ...Object.values(evidenceSentences(summary, report.reference)).map((s) => `- ${s}`));
    const note = cleanEvaluationNote(noise);
    if (note) lines.push('', note);
  }
  return `${lines.join('\n')}\n`;
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');
const header = () => [
  `| Run | ${TEST_METRICS.map((m) => STUDY_METRIC_LABELS[m]).join(' | ')} |`,
  `|---|${'---:|'.repeat(TEST_METRICS.length)}`,
];

function summaryTable(summary: StudySummary): string[] {
  return [
    ...header(),
    ...Object.entries(summary.runs).map(
      ([name, metrics]) => `| ${escapeCell(name)} | ${TEST_METRICS.map((m) => summaryCell(metrics[m])).join(' | ')} |`,
    ),
  ];
}

function differencesTable(summary: StudySummary): string[] {
  return [
    ...header(),
    ...Object.entries(summary.differences).map(
      ([name, { vsCE }]) =>
        `| ${escapeCell(name)} | ${TEST_METRICS.map((m) => differenceCell(vsCE[m]).trim()).join(' | ')} |`,
    ),
  ];
}
