import * as fs from 'fs/promises';
import * as path from 'path';
import { datasetFormatFromName } from '../core/data/fileTypes';
import { checkExportableFormat } from '../core/export/exportFormats';
import { fileBytes } from '../core/reports/reportFile';
import { resolveTrainConfig, TrainConfig } from '../core/train/config';
import { tableSeedSource } from '../core/train/seedData';
import { exportDraws, torchProjectFiles } from '../core/export/torchProject';
import { describeReadError } from './describeReadError';
import { nonEmptyDirectory, nonEmptyMessage } from './outFolder';
import { trainSettingsProblem } from './trainSettingsProblem';
import { readDatasetTable } from './datasetInput';
import { CliFileError, withInputFile } from './inputFile';
import type { Io } from './main';

/**
 * `gamma-ce train FILE … --export-torch DIR`: writes the PyTorch project that repeats the training
 * (see src/core/export) into a new or empty folder, instead of training.
 */
export async function exportTorch(
  file: string,
  dir: string,
  partial: Partial<TrainConfig>,
  options: { label?: string; noise: number },
  io: Io,
): Promise<number> {
  const config = resolveTrainConfig(partial);
  if (await nonEmptyDirectory(dir)) {
    io.stderr(`gamma-ce: ${nonEmptyMessage(dir, '--export-torch')}\n`);
    return 1;
  }
  return withInputFile(
    file,
    io,
    async (bytes) => {
      checkExportableFormat(file, datasetFormatFromName(file));
      const table = await readDatasetTable(file, { label: options.label });
      const draws = exportDraws(tableSeedSource(table, { label: options.label }), config, options.noise);
      const relative = path.relative(path.resolve(dir), path.resolve(file)).split(path.sep).join('/');
      const files = torchProjectFiles({
        config,
        draws,
        dataset: { path: relative, bytes },
      });
      try {
        for (const f of files) {
          const target = path.join(dir, ...f.name.split('/'));
          await fs.mkdir(path.dirname(target), { recursive: true });
          await fs.writeFile(target, fileBytes(f.content), { flag: 'wx' });
        }
      } catch (error) {
        throw new CliFileError(`cannot write ${dir}: ${describeReadError(error as NodeJS.ErrnoException)}`);
      }
      io.stdout(
        `wrote the PyTorch project ${dir} (${files.length} files); run it with\n` +
          `  cd ${dir} && python train.py --out run-1\n` +
          `  cd ${dir} && torchrun --nproc_per_node=2 train.py --out run-2\n`,
      );
      return 0;
    },
    trainSettingsProblem,
  );
}
