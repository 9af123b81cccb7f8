import * as assert from 'assert';
import { reliabilityBins } from '../../src/core/calibration';
import { repetitionStats } from '../../src/core/lm/repetition';
import type { LmRunReport } from '../../src/core/lm/run';
import { restoreLmPanelState, setupConfig } from '../../src/extension/lm/protocol';
import { regionsHtml } from '../../src/webview/lm/render';
import { INITIAL_VIEW, LmViewState, progressOf, reduce, savedState } from '../../src/webview/lm/viewState';

function run(name: string, loss: LmRunReport['loss'], samples: string[]): LmRunReport {
  const bins = reliabilityBins(Float64Array.from([0.2, 0.3, 0.9]), Float64Array.from([0, 1, 1]), 10);
  return {
    name,
    loss,
    gamma: loss === 'ce' ? null : 0.5,
    threshold: loss === 'tailr' ? 0.2 : null,
    status: 'ok',
    steps: 4,
    stepMs: 12,
    history: [
      { step: 2, trainLoss: 3, bitsPerChar: 4.5, gamma: 0 },
      { step: 4, trainLoss: 2, bitsPerChar: 3.25, gamma: 0 },
    ],
    test: { bitsPerChar: 3.25, perplexity: 2 ** 3.25, accuracy: 2 / 3, ece: 0.1, bins, n: 3 },
    prompts: ['To be', 'or not'],
    samples,
    repetition: repetitionStats(samples),
  };
}

function trained(): LmViewState {
  let view = reduce(INITIAL_VIEW, { type: 'textLoading', sources: ['file:///ws/a.txt'], files: ['a.txt'] });
  view = reduce(view, { type: 'started', runs: ['CE', 'TaiLr'], steps: 4 });
  view = reduce(view, { type: 'point', run: 0, point: { step: 2, trainLoss: 3, bitsPerChar: 4.5, gamma: 0 } });
  assert.strictEqual(progressOf(view), 0, 'the slower run (TaiLr) is at step 0');
  view = reduce(view, { type: 'point', run: 1, point: { step: 2, trainLoss: 3, bitsPerChar: 4.4, gamma: 0.5 } });
  assert.strictEqual(progressOf(view), 0.5);
  view = reduce(view, {
    type: 'results',
    runs: [run('CE', 'ce', [' the the the', ' a b c']), run('TaiLr', 'tailr', [' one two', ' three four'])],
    reference: { unigramBitsPerChar: 4.125, repetition: repetitionStats(['x y x y x y']) },
    backend: 'wasm',
  });
  return reduce(view, { type: 'finished', status: 'done' });
}

describe('language-model webview (view logic in Node)', () => {
  it('shows the samples side by side: a row per prompt, a column per run', () => {
    const html = regionsHtml(trained()).generation;
    const table = /<table class="samples">.*?<\/table>/s.exec(html)![0];
    assert.strictEqual((table.match(/<tr>/g) ?? []).length, 3, 'header + 2 prompts');
    assert.match(
      table,
      /<td class="prompt">To be<\/td><td class="sample"><span class="prompt-echo">To be<\/span> the the the<\/td>/,
    );
    assert.match(table, /<span class="prompt-echo">or not<\/span> three four<\/td><\/tr>/);
  });

  it('gives rep-n of each run and of the held-out reference', () => {
    const html = regionsHtml(trained()).generation;
    // " the the the": bigrams (the the) ×2 → rep-2 = 1 − 1/2; " a b c": 0 → mean 0.25. Reference "x y x y x y": 5 bigrams, 2 distinct → 0.6.
    assert.match(html, /CE samples<\/th><td>0\.250<\/td>/);
    assert.match(html, /held-out text \(reference\)<\/th><td>0\.600<\/td>/);
  });

  it('lists bits/char, perplexity and the unigram reference', () => {
    const html = regionsHtml(trained()).metrics;
    assert.match(html, /data-metric="bitsPerChar">3\.250<\/td><td>9\.51<\/td><td>0\.667<\/td>/);
    assert.match(html, /unigram entropy of the text<\/th><td>4\.125<\/td><td>17\.45<\/td>/);
    assert.match(html, /3 characters scored; backend wasm/);
    assert.strictEqual((regionsHtml(trained()).diagrams.match(/data-open-run="\d"/g) ?? []).length, 2);
  });

  it('saves a state the host accepts on restore, results included', () => {
    const state = savedState(trained())!;
    assert.deepStrictEqual(restoreLmPanelState(JSON.parse(JSON.stringify(state))), state);
    // Damaged results are dropped, the files and setup kept.
    const damaged = { ...state, runs: [{ name: 'x' }], setup: { steps: 'many' } };
    assert.deepStrictEqual(restoreLmPanelState(damaged), {
      sources: state.sources,
      setup: {},
      reference: state.reference,
    });
    assert.strictEqual(restoreLmPanelState({ setup: {} }), undefined);
    // Restored results are shown, without "Open in Calibration Panel": the host has no predictions for them.
    const restored = reduce(INITIAL_VIEW, { type: 'restore', state });
    assert.strictEqual(restored.runs.length, 2);
    assert.doesNotMatch(regionsHtml(restored).diagrams, /data-open-run/);
    assert.match(regionsHtml(restored).diagrams, /Run again to open/);
  });

  it('reads an empty b as γ-CE’s closed form and scores about 30 points per run', () => {
    assert.deepStrictEqual(setupConfig({ threshold: null, gamma: 0.1, steps: 300 }), {
      gamma: 0.1,
      steps: 300,
      evalEvery: 10,
      objective: 'gamma-ce',
    });
    assert.deepStrictEqual(setupConfig({ threshold: 0.2 }), { objective: 'tailr', threshold: 0.2 });
  });
});
