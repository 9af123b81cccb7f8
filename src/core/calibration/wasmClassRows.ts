import { compileModule, I32, instantiate, moduleBytes, wasmApi, WasmMemory } from '../wasm/module';
import { CLASS_ROWS_PARAMS, ClassRowsWasm, classRowsBody } from './classBinsWasm';
import { NLL_FLOOR } from './scores';
import { addClassRows, ClassBinSums } from './streamingSums';
import type { WidthBinTable } from './widthBinTable';

let compiled: object | null | undefined;

function classRowsModule(): object | null {
  if (compiled === undefined) {
    const params = new Array<number>(CLASS_ROWS_PARAMS).fill(I32);
    compiled = compileModule(moduleBytes([{ name: 'classRows', params, results: [I32], body: classRowsBody() }]));
  }
  return compiled;
}

/** Probabilities copied into the memory per call: a megabyte. */
const CALL_BYTES = 1 << 20;

/**
 * addClassRows by the WebAssembly function, in a memory of its own that holds the sums (the
 * ClassBinSums it hands out are views of it) and a megabyte of rows at a time.
 */
export class WasmClassRows {
  private constructor(
    readonly sums: ClassBinSums,
    private readonly run: ClassRowsWasm,
    private readonly memory: WasmMemory,
    private readonly layout: Record<
      'cells' | 'edges' | 'count' | 'conf' | 'hits' | 'oneHot' | 'running' | 'data' | 'labels' | 'tops' | 'topHits',
      number
    >,
    private readonly callRows: number,
  ) {}

  /** null where WebAssembly is not available or the bins have no table (more than 2^15). */
  static create(widths: WidthBinTable, classes: number): WasmClassRows | null {
    const module = classRowsModule();
    if (!module || !wasmApi || widths.cells.length === 0) return null;
    const { bins } = widths;
    const callRows = Math.max(1, Math.floor(CALL_BYTES / (8 * classes)));
    let end = 0;
    const take = (bytes: number) => {
      const offset = end;
      end += Math.ceil(bytes / 16) * 16;
      return offset;
    };
    const cellBytes = classes * bins * 8;
    const layout = {
      cells: take(widths.cells.length * 2),
      edges: take(bins * 8),
      count: take(cellBytes),
      conf: take(cellBytes),
      hits: take(cellBytes),
      oneHot: take(classes * 8),
      running: take(16),
      data: take(callRows * classes * 8),
      labels: take(callRows * 4),
      tops: take(callRows * 8),
      topHits: take(callRows),
    };
    const memory = new wasmApi.Memory({ initial: Math.ceil(end / 65536) });
    const exports = instantiate(module, memory);
    if (!exports) return null;
    const { buffer } = memory;
    new Int16Array(buffer, layout.cells, widths.cells.length).set(widths.cells);
    new Float64Array(buffer, layout.edges, bins).set(widths.edges);
    const cells = classes * bins;
    const sums: ClassBinSums = {
      widths,
      classCount: new Float64Array(buffer, layout.count, cells),
      classConf: new Float64Array(buffer, layout.conf, cells),
      classHits: new Float64Array(buffer, layout.hits, cells),
      oneHot: new Float64Array(buffer, layout.oneHot, classes),
      running: new Float64Array(buffer, layout.running, 2),
    };
    return new WasmClassRows(sums, exports.classRows as ClassRowsWasm, memory, layout, callRows);
  }

  /** addClassRows(this.sums, …): the same sums, tops and hits. */
  add(
    data: Float64Array,
    labels: ArrayLike<number>,
    rows: number,
    k: number,
    tops: Float64Array,
    topHits: Uint8Array,
  ): void {
    const { sums, layout, memory } = this;
    const { buffer } = memory;
    const { widths, running } = sums;
    for (let start = 0; start < rows;) {
      const n = Math.min(this.callRows, rows - start);
      new Float64Array(buffer, layout.data, n * k).set(data.subarray(start * k, (start + n) * k));
      const ys = new Int32Array(buffer, layout.labels, n);
      for (let i = 0; i < n; i++) ys[i] = labels[start + i];
      const done = this.run(
        layout.data,
        layout.labels,
        n,
        k,
        widths.bins,
        layout.cells,
        widths.cells.length,
        layout.edges,
        layout.count,
        layout.conf,
        layout.hits,
        layout.oneHot,
        layout.tops,
        layout.topHits,
        layout.running,
      );
      tops.set(new Float64Array(buffer, layout.tops, done), start);
      topHits.set(new Uint8Array(buffer, layout.topHits, done), start);
      let nll = running[1];
      for (let i = 0; i < done; i++) nll += -Math.log(Math.max(data[(start + i) * k + ys[i]], NLL_FLOOR));
      running[1] = nll;
      start += done;
      if (done < n) {
        // A probability outside the bin table: the JS loop takes its row.
        const row = start;
        addClassRows(
          sums,
          data.subarray(row * k, (row + 1) * k),
          [labels[row]],
          1,
          k,
          tops.subarray(row),
          topHits.subarray(row),
        );
        start++;
      }
    }
  }
}
