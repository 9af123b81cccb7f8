import {
  calibrationReport,
  CalibrationReport,
  ClassRow,
  classConfidence,
  Convention,
  conventionCalibration,
  ConventionResult,
  perClassTable,
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
  private readonly conventions = new Map<string, ConventionResult | { problem: string }>();
  private readonly classTables = new Map<number, ClassRow[]>();

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

  /** ECE and MCE as `convention` bins them (a library that refuses the file: why). */
  convention(convention: Convention, bins: number): ConventionResult | { problem: string } {
    const key = `${convention}/${bins}`;
    let result = this.conventions.get(key);
    if (!result) {
      try {
        result = conventionCalibration(this.matrix, this.predictions.labels, convention, bins);
      } catch (error) {
        result = { problem: error instanceof Error ? error.message : String(error) };
      }
      this.conventions.set(key, result);
    }
    return result;
  }

  /** Support, accuracy and one-vs-rest ECE of every class, in class order. */
  classes(bins: number): ClassRow[] {
    let rows = this.classTables.get(bins);
    if (!rows) {
      rows = perClassTable(this.matrix, this.predictions.labels, bins);
      this.classTables.set(bins, rows);
    }
    return rows;
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
