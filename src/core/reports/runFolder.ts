import type { ExperimentReport } from '../train/experiment';
import { slug } from '../train/slug';
import type { RunReport } from '../train/types';
import { predictionsCsv } from './predictionsCsv';
import type { ReportFile } from './reportFile';
import { experimentReportJson } from './reportJson';
import { runsTable, runsTableMarkdown } from './runsTable';

/** A run's figures, drawn by the training panel: the reliability diagram as SVG and as PNG. */
export interface RunFigure {
  /** The run's index in the report. */
  run: number;
  svg: string;
  png: Uint8Array;
}

export function predictionsFileName(run: Pick<RunReport, 'name'>): string {
  return `predictions-${slug(run.name)}.csv`;
}

function figureName(run: Pick<RunReport, 'name'>, extension: 'svg' | 'png'): string {
  return `diagram-${slug(run.name)}.${extension}`;
}

/**
 * The files of a run folder, for the CLI (`train --out`) and the training panel alike: report.json
 * (as `train --json` prints it), one predictions CSV per run with results, the figures when there
 * are any, and report.md, which shows them.
 */
export function runFolderFiles(report: ExperimentReport, figures: readonly RunFigure[] = []): ReportFile[] {
  const files: ReportFile[] = [
    { name: 'report.json', content: `${JSON.stringify(experimentReportJson(report), null, 2)}\n` },
  ];
  report.runs.forEach((run, i) => {
    if (run.predictions) {
      files.push({
        name: predictionsFileName(run),
        content: predictionsCsv(report.dataset.classNames, run.predictions.probs, run.predictions.labels),
      });
    }
    const figure = figures.find((f) => f.run === i);
    if (figure)
      files.push(
        { name: figureName(run, 'svg'), content: figure.svg },
        { name: figureName(run, 'png'), content: figure.png },
      );
  });
  files.push({ name: 'report.md', content: reportMarkdown(report, new Set(figures.map((f) => f.run))) });
  return files;
}

/** report.md: the setup, the metrics table, and the diagram of each run in `withFigures`. */
export function reportMarkdown(report: ExperimentReport, withFigures: ReadonlySet<number> = new Set()): string {
  const { dataset, config } = report;
  const model = `model ${config.model}${config.model === 'mlp' ? ` ${config.hidden.join('→')}` : ''}`;
  const lines = [
    `# γ-CE run: ${dataset.file}`,
    '',
    `Backend ${report.backend}; ${dataset.rows.train}/${dataset.rows.validation}/${dataset.rows.test} rows (train/validation/test); ` +
      `${model}, ${config.epochs} epochs, batch ${config.batchSize}, learning rate ${config.learningRate}, seed ${config.seed}.`,
    '',
    ...runsTableMarkdown(runsTable(report.runs)),
    '',
  ];
  report.runs.forEach((run, i) => {
    if (withFigures.has(i)) lines.push(`## ${run.name}`, '', `![${run.name}](${figureName(run, 'png')})`, '');
  });
  return `${lines.join('\n')}\n`;
}
