/**
 * Reads a Parquet footer by byte range only: one suffix read of `initial` bytes, and a second
 * read only when the footer is longer. A broken file gets a precise reason (not Parquet,
 * truncated, encrypted, corrupt length) instead of a decoder's stack trace.
 */
import type { DataFile, Reader } from './reader.js';

/** 64 KiB covers a 150-column, 3-row-group footer (~32 KB) in one request. */
export const defaultFooterRead = 64 * 1024;

export class FileError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'FileError';
  }
}

export interface Footer {
  /** Thrift FileMetaData bytes followed by the 4-byte length and PAR1. */
  readonly bytes: Uint8Array;
  readonly size: number;
  readonly metadataLength: number;
}

const MAGIC = 0x31524150; // "PAR1" little-endian
const MAGIC_ENCRYPTED = 0x45524150; // "PARE"

function u32(b: Uint8Array, at: number): number {
  return (
    ((b[at] as number) |
      ((b[at + 1] as number) << 8) |
      ((b[at + 2] as number) << 16) |
      ((b[at + 3] as number) << 24)) >>>
    0
  );
}

export async function readFooter(
  reader: Reader,
  file: DataFile,
  initial = defaultFooterRead,
): Promise<Footer> {
  const { bytes, size } = await reader.suffix(file, initial);
  if (size < 12) throw new FileError(file.url, `not a Parquet file (only ${size} bytes)`);
  const n = bytes.length;
  const magic = u32(bytes, n - 4);
  if (magic === MAGIC_ENCRYPTED)
    throw new FileError(file.url, 'encrypted Parquet footer (PARE) is not supported');
  if (magic !== MAGIC) {
    const head = await reader.range(file, 0, 4);
    if (head.length === 4 && u32(head, 0) === MAGIC) {
      throw new FileError(
        file.url,
        `truncated Parquet file: starts with PAR1 but does not end with it (${size} bytes)`,
      );
    }
    throw new FileError(file.url, 'not a Parquet file (no PAR1 magic at the start or end)');
  }
  const metadataLength = u32(bytes, n - 8);
  if (metadataLength + 12 > size) {
    throw new FileError(
      file.url,
      `truncated or corrupt Parquet file: footer length ${metadataLength} exceeds file size ${size}`,
    );
  }
  const need = metadataLength + 8;
  if (need <= n) return { bytes: bytes.subarray(n - need), size, metadataLength };
  const rest = await reader.range(file, size - need, size - n);
  const all = new Uint8Array(need);
  all.set(rest, 0);
  all.set(bytes, need - n);
  return { bytes: all, size, metadataLength };
}
