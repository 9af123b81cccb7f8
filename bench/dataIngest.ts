// Benchmark: CSV ingest speed and peak memory. `npm run bench:data [rows] [numeric columns]`
// writes a seeded CSV (default 1,000,000 rows × 16 numeric + 1 categorical + label, ~150 MB)
// into a temp dir, then loads it in a fresh child process per path — streamed from disk (the CLI)
// and from bytes in memory (the extension's worker) — and prints MB/s and peak RSS.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { loadDataset, loadDatasetFromStream } from '../src/core/data/dataset';
import { MAX_DATASET_BYTES } from '../src/core/data/limits';
import { seededRandom } from '../src/core/random';

const MB = 1024 * 1024;

interface Measurement {
  mode: string;
  seconds: number;
  rows: number;
  features: number;
  maxRssMb: number;
}

function writeCsv(file: string, rows: number, numeric: number): void {
  const random = seededRandom(7);
  const fd = fs.openSync(file, 'w');
  const header = [...Array.from({ length: numeric }, (_, j) => `x${j}`), 'colour', 'label'].join(',');
  let buffer = `${header}\n`;
  const colours = ['red', 'green', 'blue', 'amber', 'violet'];
  for (let i = 0; i < rows; i++) {
    const label = Math.floor(random() * 3);
    const cells: string[] = [];
    for (let j = 0; j < numeric; j++) cells.push((random() * 4 - 2 + (j % 3 === label ? 1 : 0)).toFixed(5));
    cells.push(colours[Math.floor(random() * colours.length)], `class_${label}`);
    buffer += `${cells.join(',')}\n`;
    if (buffer.length > 4 * MB) {
      fs.writeSync(fd, buffer);
      buffer = '';
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
}

async function child(file: string, mode: string): Promise<void> {
  const t0 = performance.now();
  const dataset =
    mode === 'stream'
      ? await loadDatasetFromStream(fs.createReadStream(file, { highWaterMark: MB }), path.basename(file), {
          totalBytes: fs.statSync(file).size,
        })
      : loadDataset(fs.readFileSync(file), path.basename(file));
  const seconds = (performance.now() - t0) / 1000;
  const rows = dataset.train.rows + dataset.validation.rows + dataset.test.rows;
  const result: Measurement = {
    mode,
    seconds,
    rows,
    features: dataset.features,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(result));
}

function main(): void {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const numeric = Number(process.argv[3] ?? 16);
  const dir = path.join(os.tmpdir(), 'gamma-ce-bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `ingest-${rows}x${numeric}.csv`);
  if (!fs.existsSync(file)) {
    process.stdout.write(`writing ${file} … `);
    writeCsv(file, rows, numeric);
    process.stdout.write('done\n');
  }
  const size = fs.statSync(file).size;
  if (size > MAX_DATASET_BYTES) {
    console.error(`${file} is ${(size / MB).toFixed(1)} MB, over the 200 MB limit: choose fewer rows or columns`);
    process.exitCode = 1;
    return;
  }
  const columns = numeric + 2;
  // The numeric data: one float32 per cell, as the columns are held while reading.
  const numericMb = (rows * columns * 4) / MB;
  const budgetMb = 3 * numericMb + 100;
  console.log(
    `file: ${(size / MB).toFixed(1)} MB, ${rows} rows × ${columns} columns; numeric data ${numericMb.toFixed(1)} MB`,
  );
  console.log(`targets: ≥ 30 MB/s; peak RSS ≤ 3 × numeric + 100 MB = ${budgetMb.toFixed(0)} MB\n`);
  console.log('path                      time      MB/s   peak RSS   rows      features');
  for (const mode of ['stream', 'bytes']) {
    const run = spawnSync(process.execPath, ['--expose-gc', __filename, '--child', file, mode], {
      encoding: 'utf8',
      maxBuffer: 16 * MB,
    });
    if (run.status !== 0) {
      console.error(run.stderr);
      process.exitCode = 1;
      return;
    }
    const m = JSON.parse(run.stdout) as Measurement;
    const label = mode === 'stream' ? 'fs stream (CLI)' : 'bytes in memory (worker)';
    const mbs = size / MB / m.seconds;
    console.log(
      `${label.padEnd(25)} ${m.seconds.toFixed(2).padStart(6)} s ${mbs.toFixed(1).padStart(7)} ${m.maxRssMb.toFixed(0).padStart(7)} MB   ${String(m.rows).padEnd(9)} ${m.features}` +
        `   ${mbs >= 30 ? 'speed ok' : 'SLOW'}, ${m.maxRssMb <= budgetMb + (mode === 'bytes' ? size / MB : 0) ? 'memory ok' : 'OVER BUDGET'}`,
    );
  }
  console.log("\n(the in-memory path holds the file's bytes too: its budget adds the file size)");
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main();
}
