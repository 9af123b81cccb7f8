import * as assert from 'assert';
import { calibrationReport } from '../../src/core/calibration';
import { readPredictions } from '../../src/core/predictions';
import { calibrationMetrics, METRICS } from '../../src/core/reports/metrics';
import { figureFiles } from '../../src/core/reports/reportFile';
import { experimentReportJson } from '../../src/core/reports/reportJson';
import { reportMarkdown, runFolderFiles } from '../../src/core/reports/runFolder';
import { referenceRun, runsTable, runsTableMarkdown, runsTableText } from '../../src/core/reports/runsTable';
import { resolveTrainConfig } from '../../src/core/train/config';
import type { ExperimentReport } from '../../src/core/train/experiment';
import type { RunReport } from '../../src/core/train/types';

const CLASSES = ['cat', 'dog | wolf'];
const LABELS = Int32Array.from([0, 1, 1, 0]);
/** Probabilities that no float32 holds: the CSV must carry every digit. */
const PROBS = Float64Array.from([0.9, 0.1, 0.3, 0.7, 1 / 3, 2 / 3, 0.6, 0.4]);
const OTHER = Float64Array.from([0.8, 0.2, 0.4, 0.6, 0.45, 0.55, 0.51, 0.49]);

function run(name: string, probs: Float64Array | null, extra: Partial<RunReport> = {}): RunReport {
  return {
    name,
    loss: 'ce',
    gamma: 0,
    threshold: null,
    status: probs ? 'ok' : 'failed',
    message: probs ? undefined : 'has no model to re-calibrate',
    epochs: probs ? 3 : 0,
    history: [],
    test: probs && calibrationReport({ data: probs, rows: 4, cols: 2 }, LABELS, { bins: 5 }),
    predictions: probs && { probs, labels: LABELS },
    ...extra,
  };
}

function experiment(runs: RunReport[]): ExperimentReport {
  return {
    dataset: {
      file: 'pets.csv',
      classNames: CLASSES,
      featureNames: ['x'],
      rows: { train: 10, validation: 2, test: 4 },
    },
    config: resolveTrainConfig({ epochs: 3 }),
    backend: 'cpu',
    runs,
  };
}

const RUNS = [
  run('CE', PROBS),
  run('γ-CE (γ=0.1)', OTHER, { loss: 'gamma-ce', gamma: 0.1 }),
  run('CE + TS', PROBS, { baseRun: 0, temperature: 1.23456 }),
  run('γ-CE (γ=0.1) + TS', null, { loss: 'gamma-ce', gamma: 0.1, baseRun: 1 }),
];

describe('reports: the runs table', () => {
  it('compares every run with the trained CE run, by the sign each metric wants', () => {
    const table = runsTable(RUNS);
    assert.strictEqual(table.reference, 0);
    assert.deepStrictEqual(
      table.metrics.map((m) => m.label),
      ['Accuracy', 'ECE', 'MCE', 'Adaptive ECE', 'NLL', 'Brier'],
    );
    assert.ok(
      table.rows[0].cells!.every((c) => c.delta === undefined),
      'no delta against itself',
    );
    const [ce, gamma] = [RUNS[0].test!, RUNS[1].test!];
    for (const cell of table.rows[1].cells!) {
      const delta = gamma[cell.metric.key] - ce[cell.metric.key];
      assert.strictEqual(cell.delta, delta);
      const expected =
        Math.abs(delta) < 5e-5 ? 'same' : (cell.metric.key === 'accuracy' ? delta > 0 : delta < 0) ? 'better' : 'worse';
      assert.strictEqual(cell.verdict, expected, cell.metric.key);
    }
    assert.ok(
      table.rows[2].cells!.every((c) => c.verdict === 'same'),
      'the same probabilities are no better and no worse',
    );
    assert.strictEqual(table.rows[2].label, 'CE + TS (T=1.235)');
    assert.strictEqual(table.rows[3].cells, undefined);
  });

  it('never takes a temperature-scaled run for the reference, whatever its name', () => {
    const renamed = [run('baseline', null), run('CE', PROBS, { baseRun: 0 }), run('plain', OTHER)];
    assert.strictEqual(referenceRun(renamed), 2);
    assert.strictEqual(referenceRun([run('CE', PROBS, { baseRun: 0 })]), undefined);
    assert.ok(runsTable([run('CE', PROBS, { baseRun: 0 })]).rows[0].cells!.every((c) => c.delta === undefined));
  });

  it('as text: aligned columns, a failed run with its message', () => {
    const lines = runsTableText(runsTable(RUNS));
    assert.match(lines[0], /^ {2}Run +Accuracy +ECE +MCE +Adaptive ECE +NLL +Brier +Epochs$/);
    // Where each column ends: the cells are right-aligned under their headers ('Adaptive ECE' is one header).
    const ends = (line: string) => [...line.matchAll(/\S+(?: ECE)?/g)].map((m) => m.index + m[0].length);
    const header = ends(lines[0]);
    for (const line of lines.slice(1, 3)) assert.deepStrictEqual(ends(line).slice(-7), header.slice(-7), line);
    assert.match(
      lines[1],
      new RegExp(`^ {2}CE +${RUNS[0].test!.accuracy.toFixed(4)} +${RUNS[0].test!.ece.toFixed(4)} `),
    );
    assert.match(lines[4], /^ {2}γ-CE \(γ=0\.1\) \+ TS +failed: has no model to re-calibrate$/);
  });

  it('as Markdown: one cell per column, | escaped, a diverged run marked', () => {
    const lines = runsTableMarkdown(runsTable([...RUNS, run('a | b', OTHER, { status: 'diverged' })]));
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    for (const line of lines) assert.strictEqual(cells(line), cells(lines[0]), line);
    assert.match(lines[5], /^\| γ-CE \(γ=0\.1\) \+ TS \| failed: has no model to re-calibrate \|( \|){6}$/);
    assert.match(lines[6], /^\| a \\\| b \(diverged\) \| /);
  });
});

describe('reports: the run folder', () => {
  it('holds report.json, a predictions CSV per run with results, the figures given, and report.md', () => {
    const png = Uint8Array.from([137, 80, 78, 71]);
    const files = runFolderFiles(experiment(RUNS), [{ run: 2, svg: '<svg/>', png }]);
    assert.deepStrictEqual(
      files.map((f) => f.name),
      [
        'report.json',
        'predictions-ce.csv',
        'predictions-gamma-ce-gamma-0.1.csv',
        'predictions-ce-ts.csv',
        'diagram-ce-ts.svg',
        'diagram-ce-ts.png',
        'report.md',
      ],
    );
    assert.deepStrictEqual(
      JSON.parse(files[0].content as string),
      JSON.parse(JSON.stringify(experimentReportJson(experiment(RUNS)))),
    );
    assert.strictEqual(files[5].content, png);
    const md = files[6].content as string;
    assert.match(
      md,
      /^# γ-CE run: pets\.csv\n\nBackend cpu; 10\/2\/4 rows \(train\/validation\/test\); model mlp 64, 3 epochs, /,
    );
    assert.ok(md.includes(runsTableMarkdown(runsTable(RUNS)).join('\n')));
    assert.ok(md.endsWith('## CE + TS\n\n![CE + TS](diagram-ce-ts.png)\n\n'), md);
    assert.ok(!reportMarkdown(experiment(RUNS)).includes('##'), 'no figure sections without figures');
  });

  it('the predictions CSVs read back through the predictions reader to the very same numbers', () => {
    const files = runFolderFiles(experiment(RUNS));
    for (const [name, probs] of [
      ['predictions-ce.csv', PROBS],
      ['predictions-gamma-ce-gamma-0.1.csv', OTHER],
    ] as const) {
      const p = readPredictions(files.find((f) => f.name === name)!.content, name);
      assert.deepStrictEqual(p.classNames, CLASSES);
      assert.deepStrictEqual(p.probs.data, probs);
      assert.deepStrictEqual(p.labels, LABELS);
    }
  });

  it('an exported figure is <base>.svg, .png and .json', () => {
    const files = figureFiles('/tmp/fig', { svg: '<svg/>', png: new Uint8Array(1), metrics: { ece: 0.5 } });
    assert.deepStrictEqual(
      files.map((f) => f.name),
      ['/tmp/fig.svg', '/tmp/fig.png', '/tmp/fig.json'],
    );
    assert.strictEqual(files[2].content, '{\n  "ece": 0.5\n}\n');
  });
});

describe('reports: calibration metrics', () => {
  it('every metric once, in one order, with the notes that depend on the bins', () => {
    const report = RUNS[0].test!;
    const lines = calibrationMetrics(report);
    assert.deepStrictEqual(
      lines.map((l) => l.metric.key),
      METRICS.map((m) => m.key),
    );
    assert.deepStrictEqual(
      lines.map((l) => l.value),
      METRICS.map((m) => report[m.key]),
    );
    assert.strictEqual(lines.find((l) => l.metric.key === 'ece')!.note, '5 equal-width bins, top-label');
    assert.strictEqual(lines.find((l) => l.metric.key === 'adaptiveEce')!.note, '5 equal-mass bins');
  });
});
