/**
 * The 2-D float32 transpose of transpose.ts as a WebAssembly SIMD function in the wasm backend's
 * memory: 4×4 blocks, four rows loaded four floats at a time and turned by shuffles (0.2–0.3 ns an
 * element for the shapes of training, against 0.8–1.5 ns for the JS loop). A copy: the same bits.
 * Rows and columns beyond multiples of four are left to the JS loop.
 */

import { bump, get, i32, I32_ADD, I32_MUL, I32_SHL, set, whileBelow } from '../wasm/opcodes';

/** (a, out byte offsets, rows, cols, rows and cols rounded down to multiples of 4). */
export type TransposeWasm = (a: number, out: number, rows: number, cols: number, rows4: number, cols4: number) => void;

// Parameters (i32).
const A = 0;
const OUT = 1;
const ROWS = 2;
const COLS = 3;
const ROWS4 = 4;
const COLS4 = 5;
// Locals: i32 r, c, p (the block's first input float), rowBytes, colBytes, o (its first output float); v128 v0–v3, t0–t3.
const R = 6;
const C = 7;
const P = 8;
const ROW_BYTES = 9;
const COL_BYTES = 10;
const O = 11;
const V = 12;
const T = 16;

const MEMARG = [0, 0]; // alignment 1, offset 0
const load = [0xfd, 0x00, ...MEMARG];
const store = [0xfd, 0x0b, ...MEMARG];
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** Lanes (of four bytes) of two vectors: 0–3 the first's, 4–7 the second's. */
const shuffle = (lanes: number[]) => [0xfd, 0x0d, ...lanes.flatMap((lane) => range(4 * lane, 4 * lane + 4))];
/** base + k·stride (i32). */
const plus = (base: number, stride: number, k: number) =>
  k === 0 ? get(base) : [...get(base), ...get(stride), ...(k === 1 ? [] : [...i32(k), I32_MUL]), I32_ADD];

function block(): number[] {
  return [
    // v_k = a[r + k][c … c + 3]
    ...[0, 1, 2, 3].flatMap((k) => [...plus(P, ROW_BYTES, k), ...load, ...set(V + k)]),
    // t0 = (v0₀ v1₀ v0₁ v1₁), t1 the same of v2 and v3; t2 = (v0₂ v1₂ v0₃ v1₃), t3 of v2 and v3
    ...[0, 1].flatMap((pair) =>
      [0, 1].flatMap((half) => [
        ...get(V + 2 * pair),
        ...get(V + 2 * pair + 1),
        ...shuffle(half === 0 ? [0, 4, 1, 5] : [2, 6, 3, 7]),
        ...set(T + 2 * half + pair),
      ]),
    ),
    // out[c + k][r … r + 3] = (v0_k v1_k v2_k v3_k)
    ...[0, 1, 2, 3].flatMap((k) => [
      ...plus(O, COL_BYTES, k),
      ...get(T + 2 * (k >> 1)),
      ...get(T + 2 * (k >> 1) + 1),
      ...shuffle(k % 2 === 0 ? [0, 1, 4, 5] : [2, 3, 6, 7]),
      ...store,
    ]),
    ...bump(P, i32(16)),
    ...get(O),
    ...get(COL_BYTES),
    ...i32(2),
    I32_SHL,
    I32_ADD,
    ...set(O),
    ...bump(C, i32(4)),
  ];
}

/** The function's body: its locals, then the code. */
export function transposeBody(): number[] {
  return [
    ...[2, 6, 0x7f, 8, 0x7b], // 6 i32, 8 v128
    ...get(COLS),
    ...i32(2),
    I32_SHL,
    ...set(ROW_BYTES),
    ...get(ROWS),
    ...i32(2),
    I32_SHL,
    ...set(COL_BYTES),
    ...whileBelow(R, ROWS4, [
      // p = a + r·rowBytes, o = out + 4·r, c = 0
      ...get(A),
      ...get(R),
      ...get(ROW_BYTES),
      I32_MUL,
      I32_ADD,
      ...set(P),
      ...get(OUT),
      ...get(R),
      ...i32(2),
      I32_SHL,
      I32_ADD,
      ...set(O),
      ...i32(0),
      ...set(C),
      ...whileBelow(C, COLS4, block()),
      ...bump(R, i32(4)),
    ]),
    0x0b,
  ];
}
