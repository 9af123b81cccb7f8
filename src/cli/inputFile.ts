import { createReadStream, ReadStream } from 'fs';
import { FileHandle, open, stat } from 'fs/promises';
import type { ByteSource } from '../core/data/byteSource';
import { READ_CHUNK } from '../core/data/columnReader';
import { DataFileError } from '../core/data/dataFileError';
import { describeReadError } from './describeReadError';
import type { Io } from './main';

/** A file the CLI cannot read or write at all, in the one line it prints. */
export class CliFileError extends Error {}

/** The size of a file to read (for progress and the size limit): an CliFileError if it is missing or a directory. */
async function inputFileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new CliFileError(`cannot read ${file}: it is a directory`);
    return info.size;
  } catch (error) {
    if (error instanceof CliFileError) throw error;
    throw new CliFileError(`cannot read ${file}: ${describeReadError(error as NodeJS.ErrnoException)}`);
  }
}

/** The file's bytes in chunks, so that it is never held whole. */
export function inputChunks(file: string): ReadStream {
  return createReadStream(file, { highWaterMark: READ_CHUNK });
}

/**
 * Runs a command on `file`, given its size: a problem with the file (or one that `describe` words,
 * such as bad settings) is printed as one line and exits 1; anything else is a bug and is thrown.
 */
export async function withInputFile(
  file: string,
  io: Io,
  run: (totalBytes: number) => Promise<number>,
  describe: (error: unknown) => string | undefined = () => undefined,
): Promise<number> {
  try {
    return await run(await inputFileSize(file));
  } catch (error) {
    const message = describe(error) ?? describeInputFailure(error, file);
    if (message === undefined) throw error;
    io.stderr(`gamma-ce: ${message}\n`);
    return 1;
  }
}

/** The one line to print for an error met while reading `file`, or undefined when it is not the user's problem. */
function describeInputFailure(error: unknown, file: string): string | undefined {
  if (error instanceof DataFileError || error instanceof CliFileError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return `cannot read ${file}: ${describeReadError(error as NodeJS.ErrnoException)}`;
  return undefined;
}

/** A file opened for reads at any offset (Parquet, NumPy); close it when done. */
export async function openFileSource(file: string): Promise<ByteSource & { close(): Promise<void> }> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new CliFileError(`cannot read ${file}: ${describeReadError(error as NodeJS.ErrnoException)}`);
  }
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buffer = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await handle.read(buffer, got, n - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === n ? buffer : buffer.subarray(0, got);
    },
    close: () => handle.close(),
  };
}
