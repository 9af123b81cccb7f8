import type { RunView } from '../../extension/training/protocol';
import { escape } from '../shared/charts';
import { lineChartSvg, Series } from '../shared/lineChart';
import { styleKey } from '../shared/runKey';
import { runStyles } from './runStyles';

type Epoch = RunView['history'][number];

/**
 * The per-epoch curves. Validation NLL, accuracy and ECE are measured the same way for every run,
 * so they share axes. Training losses are not comparable: γ-CE, TaiLr, smoothing and focal loss
 * each have their own scale, so each run's loss gets a small chart with its own y axis.
 */
export function curvesHtml(runs: RunView[]): string {
  const styles = runStyles(runs);
  const series = (pick: (h: Epoch) => number): Series[] =>
    runs.map((run, i) => ({
      name: run.name,
      colour: styles[i].colour,
      dash: styles[i].dash,
      points: run.history.map((h) => [h.epoch, pick(h)] as [number, number]),
    }));
  const shared = [
    lineChartSvg(
      series((h) => h.valNll),
      { title: 'Validation NLL', xLabel: 'epoch', yLabel: 'NLL', clamp: [0, Infinity] },
    ),
    lineChartSvg(
      series((h) => h.valAccuracy),
      { title: 'Validation accuracy', xLabel: 'epoch', yLabel: 'accuracy', clamp: [0, 1] },
    ),
    lineChartSvg(
      series((h) => h.valEce),
      { title: 'Validation ECE', xLabel: 'epoch', yLabel: 'ECE', clamp: [0, 1] },
    ),
  ].join('');
  const trained = runs.map((run, i) => ({ run, style: styles[i] })).filter(({ run }) => run.history.length > 0);
  const losses = trained
    .map(
      ({ run, style }) =>
        `<figure class="loss-multiple"><figcaption>${styleKey(style)}${escape(run.name)}</figcaption>` +
        lineChartSvg(
          [
            {
              name: run.name,
              colour: style.colour,
              dash: style.dash,
              points: run.history.map((h) => [h.epoch, h.trainLoss]),
            },
          ],
          {
            title: 'training loss',
            xLabel: 'epoch',
            yLabel: 'own loss',
            width: 220,
            height: 140,
            clamp: [0, Infinity],
          },
        ) +
        `</figure>`,
    )
    .join('');
  const lossBlock = trained.length
    ? `<h3 class="curves-heading">Training loss, each run on its own scale</h3>` +
      `<p class="muted note">Each loss has its own units (γ-CE and TaiLr are not cross-entropy), so compare how the curves fall, not their heights; validation NLL above is comparable.</p>` +
      `<div class="loss-multiples">${losses}</div>`
    : '';
  return `<div class="charts-row" id="shared-curves">${shared}</div>${lossBlock}`;
}
