import { readFileSync } from 'node:fs';
import { UsageError } from './usage-error.js';

/** Reads a file named on the command line; a missing or unreadable file is a usage error. */
export function readInputFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
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
