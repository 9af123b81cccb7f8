import type { ChartOptions } from '../shared/charts';
import { confidenceHistogramSvg, escape, reliabilityDiagramSvg } from '../shared/charts';
import { classTable, comparisonResult, jobStatus, recalibrationResult } from './jobViews';
import { CONVENTION_NOTES, metricsTable } from './metricsView';
import type { CalibrationModel, ViewResult } from './model';
import { combineOverlays, compareOverlay, smoothCurveOverlay } from './overlays';
import type { PanelState } from './state';

/** The page's regions (element ids) and their markup: one function of the state, so a render is testable in Node. */
export type Regions = Record<string, string>;

export interface Models {
  main?: CalibrationModel;
  /** B of the last comparison, in A's row order. */
  compared?: CalibrationModel;
}

export function diagramOptions(result: ViewResult, overlays = true, state?: PanelState, models?: Models): ChartOptions {
  const overlay = overlays && state && models ? diagramOverlay(result, state, models) : undefined;
  return {
    title: `Reliability diagram — ${result.description}`,
    xLabel: result.classIndex < 0 ? 'Confidence (max probability)' : `p(${result.className})`,
    yLabel: result.classIndex < 0 ? 'Accuracy' : `Frequency of ${result.className}`,
    ...(overlay ? { overlay } : {}),
  };
}

export function histogramOptions(result: ViewResult): ChartOptions {
  return {
    title: 'Confidence histogram',
    xLabel: result.classIndex < 0 ? 'Confidence' : `p(${result.className})`,
    yLabel: '% of samples',
    meanHitLabel: result.classIndex < 0 ? 'accuracy' : `frequency of ${result.className}`,
  };
}

/** The smoothed curve (top label only: it is the smooth ECE's) and B's diagram, when there are. */
function diagramOverlay(result: ViewResult, state: PanelState, models: Models) {
  const overlays = [];
  if (result.classIndex < 0 && state.settings.smoothCurve && state.smooth)
    overlays.push(smoothCurveOverlay(state.smooth.curve));
  if (models.compared && state.comparison) {
    overlays.push(compareOverlay(models.compared.diagramBins(state.settings), `B: ${state.comparison.fileB}`));
  }
  return combineOverlays(overlays);
}

export function renderRegions(state: PanelState, models: Models, result?: ViewResult): Regions {
  const regions: Regions = {
    'interval-status': jobStatus(state, 'interval'),
    'smooth-status': jobStatus(state, 'smooth'),
    'recal-status': jobStatus(state, 'recalibrate'),
    'recal-result': recalibrationResult(state),
    'compare-status': jobStatus(state, 'compare'),
    'compare-result': comparisonResult(state),
    'convention-note': escape(CONVENTION_NOTES[state.settings.convention]),
  };
  const model = models.main;
  regions.summary = state.reading ? 'Reading the file…' : '';
  if (!model || !result) return regions;
  const p = model.predictions;
  const extra = p.ignoredColumns.length ? ` · ignored: ${p.ignoredColumns.join(', ')}` : '';
  if (!state.reading) {
    regions.summary = escape(
      `${p.rows.toLocaleString()} rows · ${p.cols} classes · label column '${p.labelColumn}'${p.softmax ? ' · softmax applied' : ''}${extra}`,
    );
  }
  regions.diagram = reliabilityDiagramSvg(result.bins, diagramOptions(result, true, state, models));
  regions.histogram = confidenceHistogramSvg(
    result.histogram,
    result.meanHit,
    result.meanConfidence,
    histogramOptions(result),
  );
  regions.metrics = metricsTable(state, result, model);
  // Built only while its section is open: the one-vs-rest ECE of every class is a pass per class.
  regions.classes = state.classesOpen ? classTable(model.classes(state.settings.bins), p.classNames, state) : '';
  return regions;
}
