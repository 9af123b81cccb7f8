import {
  binsOfAssignment,
  CalibrationReport,
  classEces,
  EqualMassRanks,
  maximumCalibrationError,
  properScores,
  ProperScores,
  smoothEce,
  SmoothEce,
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
  private readonly eces = new Map<number, Float64Array>();
  /** Per view (−1: top label): its confidences sorted once for equal-mass bins of any count. */
  private readonly ranks = new Map<number, EqualMassRanks>();
  private scores?: ProperScores & { accuracy: number };
  private smooth?: SmoothEce;

  constructor(readonly predictions: PredictionsPayload) {
    this.matrix = { data: predictions.probs, rows: predictions.rows, cols: predictions.cols };
    this.top = topLabel(this.matrix, predictions.labels);
  }

  view(settings: CalibrationSettings): ViewResult {
    const { bins, scheme, classIndex } = settings;
    const source = classIndex < 0 ? this.top : this.classView(classIndex);
    const diagramBins = this.diagramBins(settings);
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

  /** Only the diagram's bins of a view (a compared model's overlay needs no report). */
  diagramBins(settings: CalibrationSettings): ReliabilityBin[] {
    const { bins, scheme, classIndex } = settings;
    const source = classIndex < 0 ? this.top : this.classView(classIndex);
    if (scheme === 'equal-width') return reliabilityBins(source.confidence, source.hit, bins, scheme);
    return binsOfAssignment(source.confidence, source.hit, this.massRanks(classIndex).assign(bins), bins, scheme);
  }

  private massRanks(classIndex: number): EqualMassRanks {
    return memo(
      this.ranks,
      classIndex,
      () => new EqualMassRanks((classIndex < 0 ? this.top : this.classView(classIndex)).confidence),
    );
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
    return memo(this.classTables, bins, () =>
      perClassTable(this.matrix, this.predictions.labels, bins, this.classEces(bins)),
    );
  }

  /** Each class's one-vs-rest ECE: a pass over every probability, shared by the report and the table. */
  private classEces(bins: number): Float64Array {
    return memo(this.eces, bins, () => classEces(this.matrix, this.predictions.labels, bins));
  }

  private classView(k: number): ConfidenceHits {
    return memo(this.classViews, k, () => classConfidence(this.matrix, this.predictions.labels, k));
  }

  private report(bins: number): CalibrationReport {
    return memo(this.reports, bins, () => this.buildReport(bins));
  }

  /**
   * calibrationReport's numbers, value for value (a unit test holds them equal), with what does not
   * depend on the bins (scores, smooth ECE, the sort of the confidences) computed once.
   */
  private buildReport(bins: number): CalibrationReport {
    const { labels } = this.predictions;
    const { confidence, hit } = this.top;
    if (!this.scores) {
      let hits = 0;
      for (let i = 0; i < hit.length; i++) hits += hit[i];
      this.scores = { ...properScores(this.matrix, labels), accuracy: hits / hit.length };
    }
    this.smooth ??= smoothEce(confidence, hit);
    const widthBins = reliabilityBins(confidence, hit, bins, 'equal-width');
    const massBins = this.diagramBins({ bins, scheme: 'equal-mass', classIndex: -1 } as CalibrationSettings);
    let classwise = 0;
    for (const ece of this.classEces(bins)) classwise += ece;
    return {
      ece: expectedCalibrationError(widthBins),
      mce: maximumCalibrationError(widthBins),
      brier: this.scores.brier,
      nll: this.scores.nll,
      accuracy: this.scores.accuracy,
      n: this.matrix.rows,
      bins: widthBins,
      adaptiveEce: expectedCalibrationError(massBins),
      classwiseEce: classwise / this.matrix.cols,
      smoothEce: this.smooth.value,
      smoothEceSigma: this.smooth.sigma,
      classes: this.matrix.cols,
    };
  }
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : 0;
}

/** map's value for key, made (once) by make. */
function memo<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
