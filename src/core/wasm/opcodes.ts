/** The WebAssembly opcodes the hand-written kernels share (the training kernels and the streamed calibration's classBinsWasm.ts). */
export const get = (local: number) => [0x20, local];
export const set = (local: number) => [0x21, local];
export const I32_ADD = 0x6a;
export const I32_MUL = 0x6c;
export const I32_GE_U = 0x4f;
export const I32_SHL = 0x74;
/** i32.const of a value in [-64, 63]: one signed LEB byte. */
export const i32 = (value: number) => [0x41, value & 0x7f];

/** local += value (i32). */
export const bump = (local: number, value: number[]) => [...get(local), ...value, I32_ADD, ...set(local)];
/** while (local < bound) { body }: a block around a loop (unsigned compare). */
export const whileBelow = (local: number, bound: number, body: number[]) => [
  ...[0x02, 0x40, 0x03, 0x40],
  ...get(local),
  ...get(bound),
  I32_GE_U,
  ...[0x0d, 1],
  ...body,
  ...[0x0c, 0, 0x0b, 0x0b],
];
