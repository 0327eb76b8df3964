import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decodeBpmnBytes } from '@tongban/engine';
import { UsageError } from './usage-error.js';

/**
 * The largest input file the CLI reads: 16 MiB. Real BPMN files are kilobytes to a few megabytes;
 * the cap keeps `tongban validate /dev/zero` (or a wrong path to a disk image) from reading gigabytes.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a file named on the command line, at most {@link MAX_INPUT_BYTES}. Only regular files are
 * read: a device, FIFO, socket or directory is refused before reading (a device can be endless).
 * A missing, unreadable, special or oversized file is a usage error.
 */
export function readInputBytes(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${describe(error)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const kind = stat.isDirectory() ? 'a directory' : 'not a regular file (a device, pipe or socket)';
      throw new UsageError(`cannot read ${path}: it is ${kind}; give the path of a file.`);
    }
    const tooLarge = `cannot read ${path}: it is larger than ${MAX_INPUT_BYTES} bytes (16 MiB), the most the tongban command reads.`;
    if (stat.size > MAX_INPUT_BYTES) throw new UsageError(tooLarge);
    // Read up to one byte past the cap whatever stat said: some files report size 0 or grow.
    const buffer = Buffer.alloc(MAX_INPUT_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_INPUT_BYTES) throw new UsageError(tooLarge);
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${describe(error)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a text file named on the command line: {@link readInputBytes}, then UTF-8 (or UTF-16 with a
 * byte order mark). Bytes that are not text are a usage error naming the line, never U+FFFD.
 */
export function readInputFile(path: string): string {
  const decoded = decodeBpmnBytes(readInputBytes(path));
  if (!decoded.ok) throw new UsageError(`cannot read ${path}: ${decoded.diagnostic.message}`);
  return decoded.text;
}

/** Parses JSON read from a file; bad JSON is a usage error naming the file. */
export function readJsonFile(path: string): unknown {
  const text = readInputFile(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(
      `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
