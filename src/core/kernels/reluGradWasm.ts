/**
 * reluGradInto (backprop.ts) as a WebAssembly function in the wasm backend's memory: four units at a
 * time, each its own float64 sum over the rows in order, the product daT·[a > 0] in float64 as in
 * JS: the same bits, without JS's bounds checks and conversions. Units beyond a multiple of four are
 * left to the JS loop.
 */

import { bump, get, i32, I32_ADD, I32_MUL, I32_SHL, set, whileBelow } from '../wasm/opcodes';

/** (daT, a, outT, outB byte offsets, units rounded down to a multiple of 4, rows, units). */
export type ReluGradWasm = (
  daT: number,
  a: number,
  outT: number,
  outB: number,
  blockedUnits: number,
  rows: number,
  units: number,
) => void;

// Parameters (i32).
const DAT = 0;
const A = 1;
const OUTT = 2;
const OUTB = 3;
const BLOCKED = 4;
const ROWS = 5;
const UNITS = 6;
// Locals: i32 j, i, rowBytes, aStride, pa, d0–d3, o0–o3; f64 s0–s3, g.
const J = 7;
const I = 8;
const ROW_BYTES = 9;
const A_STRIDE = 10;
const PA = 11;
const D = 12;
const O = 16;
const S = 20;
const G = 24;

const F32_LOAD = (offset: number) => [0x2a, 2, offset];
const F32_STORE = (offset: number) => [0x38, 2, offset];
const F32_GT = 0x5e;
const F64_PROMOTE = 0xbb;
const F32_DEMOTE = 0xb6;
const F64_CONVERT_U = 0xb8;
const F64_MUL = 0xa2;
const F64_ADD = 0xa0;
const F32_ZERO = [0x43, 0, 0, 0, 0];
const F64_ZERO = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
const four = [0, 1, 2, 3];

function row(): number[] {
  return [
    ...four.flatMap((k) => [
      // g = daT[j+k][i] · (a[i][j+k] > 0)
      ...get(D + k),
      ...F32_LOAD(0),
      F64_PROMOTE,
      ...get(PA),
      ...F32_LOAD(4 * k),
      ...F32_ZERO,
      F32_GT,
      F64_CONVERT_U,
      F64_MUL,
      ...set(G),
      ...get(O + k),
      ...get(G),
      F32_DEMOTE,
      ...F32_STORE(0),
      ...get(S + k),
      ...get(G),
      F64_ADD,
      ...set(S + k),
    ]),
    ...four.flatMap((k) => [...bump(D + k, i32(4)), ...bump(O + k, i32(4))]),
    ...bump(PA, get(A_STRIDE)),
    ...bump(I, i32(1)),
  ];
}

function block(): number[] {
  // d0 = daT + j·rowBytes, dk = d0 + k·rowBytes; the same for outT; pa = a + 4·j.
  const pointers = (base: number, first: number) =>
    four.flatMap((k) =>
      k === 0
        ? [...get(base), ...get(J), ...get(ROW_BYTES), I32_MUL, I32_ADD, ...set(first)]
        : [...get(first + k - 1), ...get(ROW_BYTES), I32_ADD, ...set(first + k)],
    );
  return [
    ...pointers(DAT, D),
    ...pointers(OUTT, O),
    ...get(A),
    ...get(J),
    ...i32(2),
    I32_SHL,
    I32_ADD,
    ...set(PA),
    ...four.flatMap((k) => [...F64_ZERO, ...set(S + k)]),
    ...i32(0),
    ...set(I),
    ...whileBelow(I, ROWS, row()),
    ...four.flatMap((k) => [
      ...get(OUTB),
      ...get(J),
      ...i32(2),
      I32_SHL,
      I32_ADD,
      ...get(S + k),
      F32_DEMOTE,
      ...F32_STORE(4 * k),
    ]),
    ...bump(J, i32(4)),
  ];
}

/** The function's body: its locals, then the code. */
export function reluGradBody(): number[] {
  const locals = [2, 13, 0x7f, 5, 0x7c]; // 13 i32, 5 f64
  return [
    ...locals,
    // rowBytes = 4·rows, aStride = 4·units; j counts units here and is scaled where used.
    ...get(ROWS),
    ...i32(2),
    I32_SHL,
    ...set(ROW_BYTES),
    ...get(UNITS),
    ...i32(2),
    I32_SHL,
    ...set(A_STRIDE),
    ...whileBelow(J, BLOCKED, block()),
    0x0b,
  ];
}
