/**
 * The row copy of rowBatches.ts as a WebAssembly function in the wasm backend's memory: one
 * memory.copy per row, out[i] = x[order[i]], without a JS call per row.
 */

import { get, I32_ADD, I32_GE_U, I32_MUL } from '../wasm/opcodes';

/** (x, order, out byte offsets, rows to copy, bytes a row). */
export type RowGatherWasm = (x: number, order: number, out: number, rows: number, rowBytes: number) => void;

// Parameters (i32), then the local i.
const X = 0;
const ORDER = 1;
const OUT = 2;
const ROWS = 3;
const ROW_BYTES = 4;
const I = 5;

/** The function's body: its locals, then the code. */
export function rowGatherBody(): number[] {
  return [
    ...[1, 1, 0x7f], // one i32
    ...[0x02, 0x40, 0x03, 0x40], // block, loop
    ...get(I),
    ...get(ROWS),
    I32_GE_U,
    ...[0x0d, 1],
    // memory.copy(out + i·rowBytes, x + order[i]·rowBytes, rowBytes)
    ...get(OUT),
    ...get(I),
    ...get(ROW_BYTES),
    I32_MUL,
    I32_ADD,
    ...get(X),
    ...get(ORDER),
    ...get(I),
    ...[0x41, 2, 0x74], // i32.const 2, i32.shl
    I32_ADD,
    ...[0x28, 2, 0], // i32.load
    ...get(ROW_BYTES),
    I32_MUL,
    I32_ADD,
    ...get(ROW_BYTES),
    ...[0xfc, 0x0a, 0, 0], // memory.copy
    ...get(I),
    ...[0x41, 1],
    I32_ADD,
    ...[0x21, I],
    ...[0x0c, 0, 0x0b, 0x0b], // br to the loop; end, end
    0x0b,
  ];
}
