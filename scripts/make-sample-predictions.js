// Writes samples/predictions/*.csv: predictions of made-up classifiers, for trying the calibration
// panel (npm start opens a workspace with them). Deterministic: a seeded generator.
'use strict';
const fs = require('fs');
const path = require('path');

const { mulberry32, normal } = require('./lib/random');

/**
 * Scores z_k ~ N(0, 1) plus `signal` for the true class; the Bayes posterior is softmax(signal · z),
 * so scale = signal is calibrated, scale > signal over-confident, scale < signal under-confident.
 */
function predictions({ rows, classes, signal, scale, seed }) {
  const random = mulberry32(seed);
  const out = [];
  for (let i = 0; i < rows; i++) {
    const label = Math.floor(random() * classes);
    const logits = Array.from({ length: classes }, (_, k) => normal(random) + (k === label ? signal : 0));
    const max = Math.max(...logits);
    const e = logits.map((z) => Math.exp(scale * (z - max)));
    const sum = e.reduce((a, b) => a + b, 0);
    out.push({ probs: e.map((v) => v / sum), label });
  }
  return out;
}

function write(file, names, rows) {
  const header = [...names, 'label'].join(',');
  const lines = rows.map(({ probs, label }) => [...probs.map((p) => p.toPrecision(6)), names[label]].join(','));
  // Rounding to 6 digits keeps every row's sum within 1e-5 of 1.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
}

const dir = path.join(__dirname, '..', 'samples', 'predictions');
const digits = Array.from({ length: 10 }, (_, k) => `digit_${k}`);
write(
  path.join(dir, 'overconfident-digits.csv'),
  digits,
  predictions({ rows: 3000, classes: 10, signal: 2.2, scale: 4.5, seed: 1 }),
);
write(
  path.join(dir, 'calibrated-digits.csv'),
  digits,
  predictions({ rows: 3000, classes: 10, signal: 2.2, scale: 2.2, seed: 2 }),
);
write(
  path.join(dir, 'underconfident-iris.csv'),
  ['setosa', 'versicolor', 'virginica'],
  predictions({ rows: 600, classes: 3, signal: 2.5, scale: 1, seed: 3 }),
);
