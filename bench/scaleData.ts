// The realistic benchmark's dataset: 60,000 rows × 64 numeric features and a label of 10 classes,
// seeded (the same bytes every time). Each class has its own mean in feature space plus unit
// Gaussian noise, so the models learn something and the metrics are not trivial.
import * as fs from 'fs';
import { seededRandom } from '../src/core/random';

export const SCALE_ROWS = 60_000;
export const SCALE_FEATURES = 64;
export const SCALE_CLASSES = 10;

export function writeScaleCsv(file: string, rows = SCALE_ROWS, features = SCALE_FEATURES): void {
  const random = seededRandom(16);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: SCALE_CLASSES }, () =>
    Float64Array.from({ length: features }, () => normal() * 0.3),
  );
  const fd = fs.openSync(file, 'w');
  let buffer = `${[...Array.from({ length: features }, (_, j) => `x${j}`), 'label'].join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    const label = Math.floor(random() * SCALE_CLASSES);
    const cells: string[] = [];
    for (let j = 0; j < features; j++) cells.push((centres[label][j] + normal()).toFixed(5));
    cells.push(String(label));
    buffer += `${cells.join(',')}\n`;
    if (buffer.length > 1 << 22) {
      fs.writeSync(fd, buffer);
      buffer = '';
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
}

if (require.main === module) writeScaleCsv(process.argv[2] ?? 'scale.csv');
