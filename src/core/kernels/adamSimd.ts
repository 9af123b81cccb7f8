/**
 * The Adam update of adam.ts as a small WebAssembly SIMD function working in the wasm backend's own
 * memory: two float64 lanes at a time (f64x2), so the divisions and square roots that bound the JS
 * loop run two by two. Each lane does the very operations of the JS loop, in the same order, in
 * float64 (WebAssembly has no fused multiply-add here, as JS has none): the same bits. The module
 * is written out byte by byte (a dozen opcodes; wasmKernels.ts makes the module), no toolchain needed.
 */

import { get, I32_ADD, I32_GE_U, set } from '../wasm/opcodes';

/** (p, g, m, v, out byte offsets, byte length a multiple of 16, β1, 1−β1, β2, 1−β2, λ, step, c2, ε). */
export type AdamSimd = (
  p: number,
  g: number,
  m: number,
  v: number,
  out: number,
  bytes: number,
  beta1: number,
  m1: number,
  beta2: number,
  v1: number,
  l2: number,
  stepSize: number,
  c2: number,
  epsilon: number,
) => void;

// Parameters 0–5 are i32 (pointers, length), 6–13 f64; then the locals.
const P = 0;
const G = 1;
const M = 2;
const V = 3;
const OUT = 4;
const BYTES = 5;
const SCALARS = 6;
const I = 14; // i32: the byte offset
const SPLAT = 15; // 8 v128: the scalars in both lanes
const X = 23; // 4 v128: p, g, m, v (f32x4) of four elements
const HALF = 27; // v128 temporaries: p, grad, m', v', out of two elements
const LOW = 32; // 3 v128: m', v', out of the low two elements
const V128_LOCALS = LOW + 3 - SPLAT;

const SIMD = 0xfd;
// SIMD opcodes (LEB128-encoded after the 0xfd prefix).
const LOAD = [0x00];
const STORE = [0x0b];
const SHUFFLE = [0x0d];
const F64X2_SPLAT = [0x14];
const DEMOTE = [0x5e];
const PROMOTE_LOW = [0x5f];
const SQRT = [0xef, 0x01];
const ADD = [0xf0, 0x01];
const SUB = [0xf1, 0x01];
const MUL = [0xf2, 0x01];
const DIV = [0xf3, 0x01];

const simd = (op: number[]) => [SIMD, ...op];
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** i8x16.shuffle of two vectors: bytes 0–15 are the first's, 16–31 the second's. */
const shuffle = (lanes: number[]) => [...simd(SHUFFLE), ...lanes];

const [B1, M1, B2, V1, L2, STEP, C2, EPS] = range(SPLAT, SPLAT + 8);
const [HP, HGRAD, HM, HV, HOUT] = range(HALF, HALF + 5);

/** Two lanes of the update, from the low (or high) two floats of the f32x4 inputs. */
function halfStep(high: boolean): number[] {
  const promoted = (x: number) =>
    high
      ? [...get(X + x), ...get(X + x), ...shuffle([...range(8, 16), ...range(0, 8)]), ...simd(PROMOTE_LOW)]
      : [...get(X + x), ...simd(PROMOTE_LOW)];
  return [
    ...promoted(0),
    ...set(HP),
    // grad = g + λ·p
    ...promoted(1),
    ...get(L2),
    ...get(HP),
    ...simd(MUL),
    ...simd(ADD),
    ...set(HGRAD),
    // m' = β1·m + (1−β1)·grad
    ...get(B1),
    ...promoted(2),
    ...simd(MUL),
    ...get(M1),
    ...get(HGRAD),
    ...simd(MUL),
    ...simd(ADD),
    ...set(HM),
    // v' = β2·v + (1−β2)·grad·grad
    ...get(B2),
    ...promoted(3),
    ...simd(MUL),
    ...get(V1),
    ...get(HGRAD),
    ...simd(MUL),
    ...get(HGRAD),
    ...simd(MUL),
    ...simd(ADD),
    ...set(HV),
    // p − step·m' / (√(v'/c2) + ε)
    ...get(HP),
    ...get(STEP),
    ...get(HM),
    ...simd(MUL),
    ...get(HV),
    ...get(C2),
    ...simd(DIV),
    ...simd(SQRT),
    ...get(EPS),
    ...simd(ADD),
    ...simd(DIV),
    ...simd(SUB),
    ...set(HOUT),
  ];
}

const MEMARG = [0, 0]; // alignment 1, offset 0

/** *(pointer + i) = the low and high halves' results, demoted to float32, side by side. */
function storeJoined(pointer: number, low: number, high: number): number[] {
  return [
    ...get(pointer),
    ...get(I),
    I32_ADD,
    ...get(low),
    ...simd(DEMOTE),
    ...get(high),
    ...simd(DEMOTE),
    ...shuffle([...range(0, 8), ...range(16, 24)]),
    ...simd(STORE),
    ...MEMARG,
  ];
}

/** The function's body: its locals, then the code. */
export function adamBody(): number[] {
  const splats = range(0, 8).flatMap((k) => [...get(SCALARS + k), ...simd(F64X2_SPLAT), ...set(SPLAT + k)]);
  const loads = [P, G, M, V].flatMap((pointer, x) => [
    ...get(pointer),
    ...get(I),
    I32_ADD,
    ...simd(LOAD),
    ...MEMARG,
    ...set(X + x),
  ]);
  const saveLow = [...get(HM), ...set(LOW), ...get(HV), ...set(LOW + 1), ...get(HOUT), ...set(LOW + 2)];
  const loop = [
    ...[0x02, 0x40, 0x03, 0x40], // block, loop
    ...get(I),
    ...get(BYTES),
    I32_GE_U,
    ...[0x0d, 1], // br_if out of the block
    ...loads,
    ...halfStep(false),
    ...saveLow,
    ...halfStep(true),
    ...storeJoined(M, LOW, HM),
    ...storeJoined(V, LOW + 1, HV),
    ...storeJoined(OUT, LOW + 2, HOUT),
    ...get(I),
    ...[0x41, 16], // i32.const 16
    I32_ADD,
    ...set(I),
    ...[0x0c, 0], // br to the loop's start
    ...[0x0b, 0x0b], // end loop, end block
  ];
  const locals = [2, 1, 0x7f, V128_LOCALS, 0x7b]; // one i32, then the v128s
  return [...locals, ...splats, ...loop, 0x0b];
}
