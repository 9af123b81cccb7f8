/** The WebAssembly opcodes the hand-written kernels share (adamSimd.ts, reluGradWasm.ts, rowGatherWasm.ts). */
export const get = (local: number) => [0x20, local];
export const set = (local: number) => [0x21, local];
export const I32_ADD = 0x6a;
export const I32_MUL = 0x6c;
export const I32_GE_U = 0x4f;
