import * as assert from 'assert';
import { memorySource } from '../../src/core/data/byteSource';
import { NpyArray } from '../../src/core/data/npyArray';
import { rangeBytes } from '../../src/core/data/sequentialBytes';

/** A version 1.0 .npy file of `values` as little-endian int64, written as numpy.save writes it. */
function int64Npy(values: bigint[]): Uint8Array {
  let header = `{'descr': '<i8', 'fortran_order': False, 'shape': (${values.length},), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const bytes = new Uint8Array(10 + header.length + 8 * values.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  bytes.set(new TextEncoder().encode(header), 10);
  new BigInt64Array(bytes.buffer, 10 + header.length).set(values);
  return bytes;
}

describe('int64 .npy arrays', () => {
  it('read every value as Number(value) does, across the 2³² and 2⁵³ boundaries and both signs', async () => {
    const values = [0n, 1n, -1n, 7n, 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n), 2n ** 40n + 5n, -(2n ** 40n) - 3n];
    values.push(2n ** 53n - 1n, -(2n ** 53n), 2n ** 53n + 2n, -(2n ** 53n) - 2n, 2n ** 63n - 1n, -(2n ** 63n));
    const bytes = int64Npy(values);
    const array = await NpyArray.open(rangeBytes(memorySource(bytes), 0, bytes.length), 'labels.npy', 'labels');
    const read = Array.from(await array.next(values.length));
    assert.deepStrictEqual(
      read,
      values.map((v) => Number(v)),
    );
  });
});
