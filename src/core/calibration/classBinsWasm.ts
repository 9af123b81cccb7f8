/**
 * The per-class loop of the streamed report (addClassRows in streamingSums.ts) as a WebAssembly
 * function: the same float64 operations in the same order (WebAssembly, like JS, fuses no multiply-
 * add), so the same bits, at about half the time of the JS loop, which bounds checks and
 * conversions slow. It stops before a row holding a probability outside the bin table (the JS loop
 * then takes that row); the NLL, which needs a logarithm, stays in JS (wasmClassRows.ts runs it).
 */

import { bump, get, i32, I32_ADD, I32_GE_U, I32_MUL, I32_SHL, set, whileBelow } from '../wasm/opcodes';

/**
 * (data, labels, rows, K, bins, cells, cell count, edges, count, conf, hits, oneHot, tops, topHits,
 * running): byte offsets but for rows, K, bins and the cell count. Returns the rows done.
 */
export type ClassRowsWasm = (...args: number[]) => number;

// Parameters (i32).
const DATA = 0;
const LABELS = 1;
const ROWS = 2;
const K = 3;
const BINS = 4;
const CELLS = 5;
const NCELLS = 6;
const EDGES = 7;
const COUNT = 8;
const CONF = 9;
const HITS = 10;
const ONE_HOT = 11;
const TOPS = 12;
const TOP_HITS = 13;
const RUNNING = 14;
export const CLASS_ROWS_PARAMS = 15;
// Locals: i32 i, c, y, best, b, pa (the row's first probability), cell (class c's first bin), binBytes; f64 p, top, d, brier.
const I = 15;
const C = 16;
const Y = 17;
const BEST = 18;
const B = 19;
const PA = 20;
const CELL = 21;
const BIN_BYTES = 22;
const P = 23;
const TOP = 24;
const D = 25;
const BRIER = 26;

const I32_XOR = 0x73;
const I32_EQ = 0x46;
const I32_EQZ = 0x45;
const I32_LT_S = 0x48;
const F64_ADD = 0xa0;
const F64_SUB = 0xa1;
const F64_MUL = 0xa2;
const F64_GT = 0x64;
const F64_GE = 0x66;
const SELECT = 0x1b;
const F64_MAX = 0xa5;
const TRUNC_SAT_S = [0xfc, 0x02];
const f64 = (value: number) => [0x44, ...new Uint8Array(Float64Array.of(value).buffer)];
const F64_LOAD = [0x2b, 3, 0];
const F64_STORE = [0x39, 3, 0];
const I32_LOAD = [0x28, 2, 0];
const I16_LOAD_S = [0x2e, 1, 0];
const I8_STORE = [0x3a, 0, 0];
const IF = [0x04, 0x40];
const END = 0x0b;
const brIf = (depth: number) => [0x0d, depth];

/** base + (index << shift) */
const at = (base: number[], index: number[], shift: number) => [...base, ...index, ...i32(shift), I32_SHL, I32_ADD];
/** memory[address] += value (f64) */
const addTo = (address: number[], value: number[]) => [
  ...address,
  ...address,
  ...F64_LOAD,
  ...value,
  F64_ADD,
  ...F64_STORE,
];

/** b = the equal-width bin of p, by the table (tableBin in widthBinTable.ts). */
const bin = () => [
  ...at(get(CELLS), [...get(P), ...f64(65536), F64_MUL, ...TRUNC_SAT_S], 1),
  ...I16_LOAD_S,
  ...set(B),
  ...get(B),
  ...i32(0),
  I32_LT_S,
  ...IF,
  ...get(B),
  ...i32(-1),
  I32_XOR,
  ...set(B),
  ...get(P),
  ...at(get(EDGES), get(B), 3),
  ...F64_LOAD,
  F64_GT,
  ...IF,
  ...bump(B, i32(1)),
  END,
  END,
];

/** Leaves the row loop (to the function's end, with i rows done) if p is outside the table. */
const checkRow = () => [
  ...i32(0),
  ...set(C),
  ...whileBelow(C, K, [
    ...at(get(PA), get(C), 3),
    ...F64_LOAD,
    ...set(P),
    // Depths: this loop, its block, the row loop, its block.
    ...get(P),
    ...f64(0),
    F64_GE,
    I32_EQZ,
    ...brIf(3),
    ...get(P),
    ...f64(65536),
    F64_MUL,
    ...TRUNC_SAT_S,
    ...get(NCELLS),
    I32_GE_U,
    ...brIf(3),
    ...bump(C, i32(1)),
  ]),
];

const classLoop = () => [
  ...at(get(PA), get(C), 3),
  ...F64_LOAD,
  ...set(P),
  // if (p > top) { best = c; top = p } without a branch
  ...get(C),
  ...get(BEST),
  ...get(P),
  ...get(TOP),
  F64_GT,
  SELECT,
  ...set(BEST),
  // top = max(top, p): the same number, as p ≥ 0 and the row sums to 1 (top is never a zero, whose sign max could change)
  ...get(TOP),
  ...get(P),
  F64_MAX,
  ...set(TOP),
  // brier += (p − oneHot[c])²
  ...get(P),
  ...at(get(ONE_HOT), get(C), 3),
  ...F64_LOAD,
  F64_SUB,
  ...set(D),
  ...get(BRIER),
  ...get(D),
  ...get(D),
  F64_MUL,
  F64_ADD,
  ...set(BRIER),
  ...bin(),
  // count[c][b] += 1; conf[c][b] += p
  ...addTo([...get(COUNT), ...get(CELL), I32_ADD, ...get(B), ...i32(3), I32_SHL, I32_ADD], f64(1)),
  ...addTo([...get(CONF), ...get(CELL), I32_ADD, ...get(B), ...i32(3), I32_SHL, I32_ADD], get(P)),
  ...bump(CELL, get(BIN_BYTES)),
  ...bump(C, i32(1)),
];

const row = () => [
  ...checkRow(),
  ...at(get(LABELS), get(I), 2),
  ...I32_LOAD,
  ...set(Y),
  ...at(get(ONE_HOT), get(Y), 3),
  ...f64(1),
  ...F64_STORE,
  ...i32(0),
  ...set(BEST),
  ...get(PA),
  ...F64_LOAD,
  ...set(TOP),
  ...i32(0),
  ...set(C),
  ...i32(0),
  ...set(CELL),
  ...whileBelow(C, K, classLoop()),
  ...at(get(ONE_HOT), get(Y), 3),
  ...f64(0),
  ...F64_STORE,
  // hits[y][bin of p_y] += 1
  ...at(get(PA), get(Y), 3),
  ...F64_LOAD,
  ...set(P),
  ...bin(),
  ...addTo(
    [...get(HITS), ...get(Y), ...get(BIN_BYTES), I32_MUL, I32_ADD, ...get(B), ...i32(3), I32_SHL, I32_ADD],
    f64(1),
  ),
  ...at(get(TOPS), get(I), 3),
  ...get(TOP),
  ...F64_STORE,
  ...get(TOP_HITS),
  ...get(I),
  I32_ADD,
  ...get(BEST),
  ...get(Y),
  I32_EQ,
  ...I8_STORE,
  ...get(PA),
  ...get(K),
  ...i32(3),
  I32_SHL,
  I32_ADD,
  ...set(PA),
  ...bump(I, i32(1)),
];

/** The function's body: its locals, then the code. */
export function classRowsBody(): number[] {
  return [
    ...[2, 8, 0x7f, 4, 0x7c], // 8 i32, 4 f64
    ...get(RUNNING),
    ...F64_LOAD,
    ...set(BRIER),
    ...get(BINS),
    ...i32(3),
    I32_SHL,
    ...set(BIN_BYTES),
    ...get(DATA),
    ...set(PA),
    ...whileBelow(I, ROWS, row()),
    ...get(RUNNING),
    ...get(BRIER),
    ...F64_STORE,
    ...get(I),
    END,
  ];
}
