import type { ReportFile } from '../reports/reportFile';
import { projectConfig, TorchProjectInput, weightsFileName, weightsJson } from './projectConfig';
import { GCE_DATA_PY } from './pythonData';
import { GCE_LOSSES_PY } from './pythonLosses';
import { GCE_METRICS_PY } from './pythonMetrics';
import { GCE_SUMMARY_PY } from './pythonSummary';
import { TRAIN_PY } from './pythonTrain';
import { GCE_TRAIN_PY } from './pythonTrainLoop';
import { projectReadme } from './readme';

export type { ExportDraw, TorchProjectInput } from './projectConfig';
export { drawsFromSplits, exportDraws, exportSplitSeeds } from './draws';

/**
 * The files of a self-contained PyTorch project that repeats an experiment (`train --export-torch`,
 * "Export as PyTorch project…"): train.py and its modules, config.json, the initial weights of each
 * seed and a README. Names are relative to the project folder ('/'-separated).
 */
export function torchProjectFiles(input: TorchProjectInput): ReportFile[] {
  const seeds = new Map(input.draws.map((d) => [d.seed, d.data]));
  return [
    { name: 'train.py', content: TRAIN_PY },
    { name: 'gce_data.py', content: GCE_DATA_PY },
    { name: 'gce_losses.py', content: GCE_LOSSES_PY },
    { name: 'gce_metrics.py', content: GCE_METRICS_PY },
    { name: 'gce_summary.py', content: GCE_SUMMARY_PY },
    { name: 'gce_train.py', content: GCE_TRAIN_PY },
    { name: 'config.json', content: compactJson(projectConfig(input)) },
    ...[...seeds].map(([seed, data]) => ({
      name: weightsFileName(seed),
      content: weightsJson(input.config, data, seed),
    })),
    { name: 'README.md', content: projectReadme(input) },
  ];
}

/** Indented JSON with every list of numbers on one line (row numbers, labels). */
function compactJson(value: object): string {
  const text = JSON.stringify(value, null, 1);
  return `${text.replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_, list: string) => `[${list.replace(/\s+/g, '')}]`)}\n`;
}
