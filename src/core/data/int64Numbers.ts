/**
 * `count` little-endian int64 values at `byteOffset` (a multiple of 8) of `buffer`, as numbers: read
 * as two 32-bit words, since a BigInt64Array makes a BigInt of every element for the collector.
 * |value| < 2⁵³ is exact as high·2³² + low; larger values go through BigInt (Number(value) rounds).
 */
export function int64Numbers(buffer: ArrayBufferLike, byteOffset: number, count: number): Float64Array {
  const words = new Int32Array(buffer, byteOffset, count * 2);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const high = words[2 * i + 1];
    out[i] =
      high >= -0x200000 && high < 0x200000
        ? high * 4294967296 + (words[2 * i] >>> 0)
        : Number(new BigInt64Array(buffer, byteOffset + 8 * i, 1)[0]);
  }
  return out;
}
