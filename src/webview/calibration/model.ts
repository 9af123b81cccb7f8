import {
  calibrationReport,
  CalibrationReport,
  classConfidence,
  ConfidenceHits,
  expectedCalibrationError,
  ProbabilityMatrix,
  ReliabilityBin,
  reliabilityBins,
  topLabel,
} from '../../core/calibration';
import type { CalibrationSettings, PredictionsPayload } from '../../extension/calibration/protocol';

export interface ViewResult {
  classIndex: number;
  className: string;
  description: string;
  /** The diagram's bins (chosen scheme). */
  bins: ReliabilityBin[];
  /** Equal-width bins of the same view, for the histogram. */
  histogram: ReliabilityBin[];
  meanHit: number;
  meanConfidence: number;
  viewEce: number;
  report: CalibrationReport;
}

/**
 * The panel's numbers, from one parse of the file: the top-label and one-vs-rest views are
 * computed once each and the full report once per bin count, so a control change only re-bins.
 */
export class CalibrationModel {
  readonly matrix: ProbabilityMatrix;
  readonly top: ConfidenceHits;
  private readonly classViews = new Map<number, ConfidenceHits>();
  private readonly reports = new Map<number, CalibrationReport>();

  constructor(readonly predictions: PredictionsPayload) {
    this.matrix = { data: predictions.probs, rows: predictions.rows, cols: predictions.cols };
    this.top = topLabel(this.matrix, predictions.labels);
  }

  view(settings: CalibrationSettings): ViewResult {
    const { bins, scheme, classIndex } = settings;
    const source = classIndex < 0 ? this.top : this.classView(classIndex);
    const diagramBins = reliabilityBins(source.confidence, source.hit, bins, scheme);
    const histogram =
      scheme === 'equal-width' ? diagramBins : reliabilityBins(source.confidence, source.hit, bins, 'equal-width');
    const className = classIndex < 0 ? '' : this.predictions.classNames[classIndex];
    const who = classIndex < 0 ? 'top-label' : `class '${className}' vs rest`;
    return {
      classIndex,
      className,
      description: `${who}, ${bins} ${scheme} bins`,
      bins: diagramBins,
      histogram,
      meanHit: mean(source.hit),
      meanConfidence: mean(source.confidence),
      viewEce: expectedCalibrationError(diagramBins),
      report: this.report(bins),
    };
  }

  private classView(k: number): ConfidenceHits {
    let view = this.classViews.get(k);
    if (!view) {
      view = classConfidence(this.matrix, this.predictions.labels, k);
      this.classViews.set(k, view);
    }
    return view;
  }

  private report(bins: number): CalibrationReport {
    let report = this.reports.get(bins);
    if (!report) {
      report = calibrationReport(this.matrix, this.predictions.labels, { bins });
      this.reports.set(bins, report);
    }
    return report;
  }
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : 0;
}
