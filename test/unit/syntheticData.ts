import { seededRandom } from '../../src/core/random';
import type { SplitData, TrainingData } from '../../src/core/train';

/** Gaussian blobs, one per class, standardised-ish: a small, learnable, deterministic dataset. */
export function blobs(
  options: { rows?: number; features?: number; classes?: number; spread?: number; seed?: number } = {},
): TrainingData {
  const { rows = 300, features = 4, classes = 3, spread = 1.2, seed = 1 } = options;
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: classes }, () => Array.from({ length: features }, () => 2 * normal()));
  const split = (n: number): SplitData => {
    const x = new Float32Array(n * features);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % classes;
      for (let f = 0; f < features; f++) x[i * features + f] = centres[y[i]][f] + spread * normal();
    }
    return { x, y, rows: n };
  };
  return {
    file: 'blobs',
    featureNames: Array.from({ length: features }, (_, f) => `x${f}`),
    classNames: Array.from({ length: classes }, (_, c) => `class ${c}`),
    features,
    classes,
    train: split(Math.round(rows * 0.7)),
    validation: split(Math.round(rows * 0.15)),
    test: split(Math.round(rows * 0.15)),
  };
}
