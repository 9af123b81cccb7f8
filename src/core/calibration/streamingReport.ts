import { MAX_KEPT_TOP_LABEL_ROWS } from '../data/limits';
import { WasmClassRows } from './wasmClassRows';
import { addClassRows, addTopLabelRows, ClassBinSums, TopBinSums } from './streamingSums';
import { expectedCalibrationError, maximumCalibrationError } from './ece';
import { checkBinCount } from './input';
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
  /** false: the per-class loop in JS even where WebAssembly runs (the tests compare the two). */
  wasm?: boolean;
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
  private readonly topSums: TopBinSums;
  private readonly classSums: ClassBinSums;
  private readonly keeper: TopLabelKeeper;
  private readonly widths: WidthBinTable;
  /** The per-class loop in WebAssembly (its sums are classSums), where it runs. */
  private readonly wasm: WasmClassRows | null;
  /** A batch's top-label confidences and hits, on their way to addTopLabel. */
  private tops = { tops: new Float64Array(0), hits: new Uint8Array(0) };

  constructor(private readonly options: StreamingOptions) {
    this.bins = checkBinCount(options.bins);
    this.classes = options.classes ?? 0;
    this.widths = new WidthBinTable(this.bins);
    this.topSums = {
      widths: this.widths,
      count: new Float64Array(this.bins),
      hits: new Float64Array(this.bins),
      confSum: new Float64Array(this.bins),
      running: new Float64Array(1),
    };
    const cells = this.classes * this.bins;
    this.wasm = this.classes > 0 && options.wasm !== false ? WasmClassRows.create(this.widths, this.classes) : null;
    this.classSums = this.wasm?.sums ?? {
      widths: this.widths,
      classCount: new Float64Array(cells),
      classHits: new Float64Array(cells),
      classConf: new Float64Array(cells),
      oneHot: new Float64Array(this.classes),
      running: new Float64Array(2),
    };
    this.keeper = new TopLabelKeeper(options.keepRows ?? MAX_KEPT_TOP_LABEL_ROWS, options.expectedRows);
  }

  get rows(): number {
    return this.keeper.rows;
  }

  /** `rows` rows of row-major probabilities (checked already) and their class indices. */
  addProbabilities(data: ArrayLike<number>, labels: ArrayLike<number>, rows: number): void {
    const k = this.classes;
    if (k === 0) throw new Error('StreamingCalibration: probabilities given to a top-label stream');
    const { tops, hits } = this.batchTops(rows);
    if (this.wasm && data instanceof Float64Array) this.wasm.add(data, labels, rows, k, tops, hits);
    else addClassRows(this.classSums, data, labels, rows, k, tops, hits);
    this.addTopLabel(tops, hits, rows);
  }

  /** `rows` top-label rows: confidence in [0, 1] and correctness 0/1 (checked already). */
  addTopLabel(confidence: ArrayLike<number>, correct: ArrayLike<number>, rows: number): void {
    addTopLabelRows(this.topSums, confidence, correct, rows);
    this.keeper.pushAll(confidence, correct, rows);
  }

  finish(): StreamedReport {
    const n = this.keeper.rows;
    if (n === 0) throw new RangeError('calibration needs at least one row');
    const { bins } = this;
    const { count, hits, confSum, running } = this.topSums;
    const widthBins: ReliabilityBin[] = [];
    for (let m = 0; m < bins; m++) {
      const c = count[m];
      widthBins.push({
        lower: m / bins,
        upper: (m + 1) / bins,
        count: c,
        accuracy: c > 0 ? hits[m] / c : 0,
        confidence: c > 0 ? confSum[m] / c : 0,
      });
    }
    const kept = this.keeper.kept();
    const massBins = equalMassBins(kept.confidence, kept.hit, bins);
    const smooth = this.options.smooth === false ? { value: NaN, sigma: NaN } : smoothEce(kept.confidence, kept.hit);
    const topOnly = this.classes === 0;
    const report: StreamedReport = {
      ece: expectedCalibrationError(widthBins),
      mce: maximumCalibrationError(widthBins),
      brier: topOnly ? NaN : this.classSums.running[0] / n,
      nll: topOnly ? NaN : this.classSums.running[1] / n,
      accuracy: running[0] / n,
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

  private batchTops(rows: number): { tops: Float64Array; hits: Uint8Array } {
    if (this.tops.tops.length < rows) this.tops = { tops: new Float64Array(rows), hits: new Uint8Array(rows) };
    return this.tops;
  }

  private classwise(n: number): number {
    const { bins, classes } = this;
    const { classCount, classHits, classConf } = this.classSums;
    let total = 0;
    for (let c = 0; c < classes; c++) {
      let ece = 0;
      for (let m = 0; m < bins; m++) {
        const cell = c * bins + m;
        const count = classCount[cell];
        if (count > 0) ece += (count / n) * Math.abs(classHits[cell] / count - classConf[cell] / count);
      }
      total += ece;
    }
    return total / classes;
  }
}
