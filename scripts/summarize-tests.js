// Sums mocha's "N passing / N failing / N pending" lines over suite logs into the one line CI reads.
'use strict';
const fs = require('fs');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  const count = (word) =>
    [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((s, m) => s + Number(m[1]), 0);
  const p = count('passing');
  const f = count('failing');
  passed += p;
  failed += f;
  skipped += count('pending');
  // A suite that crashed before mocha's summary counts as one failure, never as silence.
  if (p + f === 0) failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
