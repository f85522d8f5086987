/** One Parquet file opened for hyparquet: footer read by range, metadata parsed, an AsyncBuffer. */
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { FileError, readFooter, type Footer } from './footer.js';
import type { DataFile, Reader } from './reader.js';
import { ExitCode, UserError } from '../cli/errors.js';

export interface OpenFile {
  readonly file: DataFile;
  readonly footer: Footer;
  readonly metadata: FileMetaData;
  readonly buffer: AsyncBuffer;
}

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength
    ? (b.buffer as ArrayBuffer)
    : (b.slice().buffer as ArrayBuffer);
}

/** An AsyncBuffer over a reader that answers reads inside the footer from memory. */
export function asyncBuffer(reader: Reader, file: DataFile, footer: Footer): AsyncBuffer {
  const footerStart = footer.size - footer.bytes.length;
  return {
    byteLength: footer.size,
    async slice(start: number, end = footer.size) {
      if (start >= footerStart)
        return toArrayBuffer(footer.bytes.subarray(start - footerStart, end - footerStart));
      return toArrayBuffer(await reader.range(file, start, end));
    },
  };
}

/** Opens a file; a broken one becomes a UserError naming it (exit 1, remote failures exit 3). */
export async function openParquet(reader: Reader, file: DataFile): Promise<OpenFile> {
  let footer: Footer;
  try {
    footer = await readFooter(reader, file);
  } catch (err) {
    if (err instanceof FileError) throw new UserError(`data: ${err.message}`, ExitCode.different);
    throw err;
  }
  const { parquetMetadata } = await import('hyparquet');
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(footer.bytes, { geoparquet: false });
  } catch (err) {
    throw new UserError(
      `data: ${file.url}: corrupt Parquet footer: ${(err as Error).message}`,
      ExitCode.different,
    );
  }
  return { file, footer, metadata, buffer: asyncBuffer(reader, file, footer) };
}
