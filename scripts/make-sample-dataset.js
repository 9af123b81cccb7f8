// Writes media/datasets/blobs-noisy.csv, the bundled synthetic dataset: three Gaussian classes in
// four informative features, one pure-noise feature, a categorical `site`, ~10 % missing cells in
// x3, a row id (which schema inference ignores), and 20 % symmetric label noise — the dirty-data
// case γ-CE is for. Deterministic: a seeded generator.
'use strict';
const fs = require('fs');
const path = require('path');
const { mulberry32, normal } = require('./lib/random');

const SEED = 2023;
const PER_CLASS = 300;
const NOISE = 0.2;
const CLASSES = ['alpha', 'beta', 'gamma'];
// Class means in the four informative features: about two standard deviations apart.
const MEANS = [
  [1.5, 0, 0, -1],
  [-1, 1.5, 0.5, 0],
  [0, -1, -1.5, 1],
];
const SITES = ['north', 'south', 'east', 'west'];

const random = mulberry32(SEED);
const rows = [];
for (let k = 0; k < CLASSES.length; k++) {
  for (let i = 0; i < PER_CLASS; i++) {
    const x = MEANS[k].map((m) => m + normal(random));
    const noise = normal(random);
    // Sites lean slightly towards one class each, so the categorical column carries a little signal.
    const site = random() < 0.4 ? SITES[k] : SITES[Math.floor(random() * SITES.length)];
    let label = k;
    if (random() < NOISE) {
      const other = Math.floor(random() * (CLASSES.length - 1));
      label = other >= k ? other + 1 : other;
    }
    rows.push({ x, noise, site, label });
  }
}
// Shuffle so that the file is not sorted by class.
for (let i = rows.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [rows[i], rows[j]] = [rows[j], rows[i]];
}
const lines = ['id,x1,x2,x3,x4,noise,site,label'];
rows.forEach((r, i) => {
  const x3 = random() < 0.1 ? '' : r.x[2].toFixed(4);
  lines.push(
    [
      i + 1,
      r.x[0].toFixed(4),
      r.x[1].toFixed(4),
      x3,
      r.x[3].toFixed(4),
      r.noise.toFixed(4),
      r.site,
      CLASSES[r.label],
    ].join(','),
  );
});
const file = path.join(__dirname, '..', 'media', 'datasets', 'blobs-noisy.csv');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${lines.join('\n')}\n`);
