import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('API reference', () => {
  it('typedoc builds the public API with no warnings (broken links, missing exports)', async () => {
    const typedoc = join(root, 'node_modules', 'typedoc', 'bin', 'typedoc');
    const run = await promisify(execFile)(process.execPath, [typedoc, '--emit', 'none'], {
      cwd: root,
      timeout: 120_000,
    }).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    expect(output).not.toMatch(/\[warning\]|\[error\]/);
  }, 180_000);
});
