import { MAX_KEPT_TOP_LABEL_ROWS } from '../data/limits';
import { expectedCalibrationError, maximumCalibrationError } from './ece';
import { checkBinCount } from './input';
import { NLL_FLOOR } from './scores';
import { smoothEce } from './smoothEce';
import { equalMassBins } from './streamingMassBins';
import { TopLabelKeeper } from './streamingTopLabel';
import type { CalibrationReport, ReliabilityBin } from './types';
import { WidthBinTable } from './widthBinTable';

/** A report computed in one streamed pass; NaN for metrics the input cannot give (listed in `unavailable`). */
export interface StreamedReport extends CalibrationReport {
  /** 'top-label': only confidences and correctness were given (no class probabilities). */
  form: 'probabilities' | 'top-label';
  unavailable: string[];
  /** Rows whose confidence and correctness were kept for equal-mass bins and the smooth ECE. */
  keptRows: number;
  /** Set when those rows are a uniform reservoir sample of all the rows. */
  sample?: { size: number; of: number; metrics: string[] };
}

export interface StreamingOptions {
  bins: number;
  /** Classes K of probability rows; undefined for top-label input. */
  classes?: number;
  smooth?: boolean;
  /** Rows the file is known to hold: the kept arrays are sized for them up front. */
  expectedRows?: number;
  /** Default MAX_KEPT_TOP_LABEL_ROWS. */
  keepRows?: number;
}

const SAMPLED_METRICS = ['adaptiveEce', 'smoothEce'];

/**
 * Every metric of calibrationReport in one pass with bounded memory: per-bin sums for the
 * equal-width ECE/MCE and the histogram, running Brier/NLL/accuracy, per-class bins for the
 * classwise ECE, and the kept top-label rows (TopLabelKeeper) for the equal-mass ECE and the
 * smooth ECE. Rows are summed in file order, as calibrationReport sums them, so that the numbers
 * are identical to its for the same rows.
 */
export class StreamingCalibration {
  private readonly bins: number;
  private readonly classes: number;
  private readonly count: Float64Array;
  private readonly hits: Float64Array;
  private readonly confSum: Float64Array;
  private readonly classCount: Float64Array;
  private readonly classHits: Float64Array;
  private readonly classConf: Float64Array;
  private readonly keeper: TopLabelKeeper;
  private readonly widths: WidthBinTable;
  private brierSum = 0;
  private nllSum = 0;
  private correct = 0;

  constructor(private readonly options: StreamingOptions) {
    this.bins = checkBinCount(options.bins);
    this.classes = options.classes ?? 0;
    this.count = new Float64Array(this.bins);
    this.widths = new WidthBinTable(this.bins);
    this.hits = new Float64Array(this.bins);
    this.confSum = new Float64Array(this.bins);
    const cells = this.classes * this.bins;
    this.classCount = new Float64Array(cells);
    this.classHits = new Float64Array(cells);
    this.classConf = new Float64Array(cells);
    this.keeper = new TopLabelKeeper(options.keepRows ?? MAX_KEPT_TOP_LABEL_ROWS, options.expectedRows);
  }

  get rows(): number {
    return this.keeper.rows;
  }

  /** `rows` rows of row-major probabilities (checked already) and their class indices. */
  addProbabilities(data: ArrayLike<number>, labels: ArrayLike<number>, rows: number): void {
    const k = this.classes;
    if (k === 0) throw new Error('StreamingCalibration: probabilities given to a top-label stream');
    const { bins, classCount, classConf, classHits, widths } = this;
    for (let i = 0; i < rows; i++) {
      const row = i * k;
      const y = labels[i];
      let best = 0;
      let top = data[row];
      let brier = this.brierSum;
      for (let c = 0; c < k; c++) {
        const p = data[row + c];
        if (p > top) {
          best = c;
          top = p;
        }
        const d = p - (c === y ? 1 : 0);
        brier += d * d;
        const cell = c * bins + widths.index(p);
        classCount[cell]++;
        classConf[cell] += p;
        if (c === y) classHits[cell]++;
      }
      this.brierSum = brier;
      this.nllSum += -Math.log(Math.max(data[row + y], NLL_FLOOR));
      this.addTop(top, best === y ? 1 : 0);
    }
  }

  /** `rows` top-label rows: confidence in [0, 1] and correctness 0/1 (checked already). */
  addTopLabel(confidence: ArrayLike<number>, correct: ArrayLike<number>, rows: number): void {
    for (let i = 0; i < rows; i++) this.addTop(confidence[i], correct[i]);
  }

  finish(): StreamedReport {
    const n = this.keeper.rows;
    if (n === 0) throw new RangeError('calibration needs at least one row');
    const { bins } = this;
    const widthBins: ReliabilityBin[] = [];
    for (let m = 0; m < bins; m++) {
      const c = this.count[m];
      widthBins.push({
        lower: m / bins,
        upper: (m + 1) / bins,
        count: c,
        accuracy: c > 0 ? this.hits[m] / c : 0,
        confidence: c > 0 ? this.confSum[m] / c : 0,
      });
    }
    const kept = this.keeper.kept();
    const massBins = equalMassBins(kept.confidence, kept.hit, bins);
    const smooth = this.options.smooth === false ? { value: NaN, sigma: NaN } : smoothEce(kept.confidence, kept.hit);
    const topOnly = this.classes === 0;
    const report: StreamedReport = {
      ece: expectedCalibrationError(widthBins),
      mce: maximumCalibrationError(widthBins),
      brier: topOnly ? NaN : this.brierSum / n,
      nll: topOnly ? NaN : this.nllSum / n,
      accuracy: this.correct / n,
      n,
      bins: widthBins,
      adaptiveEce: expectedCalibrationError(massBins),
      classwiseEce: topOnly ? NaN : this.classwise(n),
      smoothEce: smooth.value,
      smoothEceSigma: smooth.sigma,
      classes: this.classes,
      form: topOnly ? 'top-label' : 'probabilities',
      unavailable: topOnly ? ['brier', 'nll', 'classwiseEce'] : [],
      keptRows: kept.confidence.length,
    };
    if (this.keeper.sampled) report.sample = { size: this.keeper.capacity, of: n, metrics: SAMPLED_METRICS };
    return report;
  }

  /** The kept top-label rows (all rows unless sampled), for bootstrap bands and the panel. */
  keptTopLabel(): { confidence: Float64Array; hit: Uint8Array } {
    return this.keeper.kept();
  }

  private addTop(confidence: number, hit: number): void {
    const m = this.widths.index(confidence);
    this.count[m]++;
    this.hits[m] += hit;
    this.confSum[m] += confidence;
    this.correct += hit;
    this.keeper.push(confidence, hit);
  }

  private classwise(n: number): number {
    const { bins, classes } = this;
    let total = 0;
    for (let c = 0; c < classes; c++) {
      let ece = 0;
      for (let m = 0; m < bins; m++) {
        const cell = c * bins + m;
        const count = this.classCount[cell];
        if (count > 0) ece += (count / n) * Math.abs(this.classHits[cell] / count - this.classConf[cell] / count);
      }
      total += ece;
    }
    return total / classes;
  }
}
