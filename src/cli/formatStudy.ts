import { differenceCell, STUDY_METRIC_LABELS as LABELS, summaryCell as cell } from '../core/reports/studyFolder';
import { cleanEvaluationNote, evidenceSentences } from '../core/stats/evidence';
import { INTERVAL_METHOD, StudySummary, TEST_METRICS } from '../core/stats/summary';
import type { SeedStudyReport } from '../core/train/seedStudy';

const NAME_WIDTH = 34;
const CELL_WIDTH = 16;

/** The text report of a seed study: per noise rate, mean ± half-width per run, paired differences vs the reference, the evidence. */
export function formatStudy(report: SeedStudyReport): string {
  const { dataset, config, seeds } = report;
  const r = dataset.rows;
  const lines = [
    `${dataset.file}: ${r.train}/${r.validation}/${r.test} rows (train/validation/test), ${dataset.classNames.length} classes, backend ${report.backend}`,
    `${seeds.length} seeds (${seeds[0]}–${seeds[seeds.length - 1]}), each varying the initial weights, batch order, noise draw${config.fixedSplit ? ' (split fixed)' : ' and split'}; ${INTERVAL_METHOD}`,
  ];
  const sections = report.noiseSweep ?? [{ noise: report.noise, summary: report.summary! }];
  for (const { noise, summary } of sections) {
    lines.push(
      '',
      `training-label noise ${noise}${noise > 0 ? ' (validation and test clean)' : ''}`,
      ...table(summary, report.reference),
    );
    for (const sentence of Object.values(evidenceSentences(summary, report.reference))) lines.push(`  ${sentence}`);
    const note = cleanEvaluationNote(noise);
    if (note) lines.push(`  ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

function table(summary: StudySummary, reference: string | null): string[] {
  const header = `  ${'run'.padEnd(NAME_WIDTH)} ${TEST_METRICS.map((m) => LABELS[m].padStart(CELL_WIDTH)).join(' ')}`;
  const lines = [header];
  for (const [name, metrics] of Object.entries(summary.runs)) {
    lines.push(
      `  ${name.padEnd(NAME_WIDTH).slice(0, NAME_WIDTH)} ${TEST_METRICS.map((m) => cell(metrics[m]).padStart(CELL_WIDTH)).join(' ')}`,
    );
  }
  const differences = Object.entries(summary.differences);
  if (differences.length > 0) {
    lines.push('', `  difference from ${reference}, paired by seed (* where the 95 % interval excludes 0)`);
    for (const [name, { vsCE }] of differences) {
      lines.push(
        `  ${name.padEnd(NAME_WIDTH).slice(0, NAME_WIDTH)} ${TEST_METRICS.map((m) => differenceCell(vsCE[m]).padStart(CELL_WIDTH)).join(' ')}`,
      );
    }
  }
  return lines;
}
