#!/usr/bin/env node
// Runs the CLI from TypeScript source inside the workspace (no build step needed for the quick
// start); a published package would ship dist/ and import it instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, '..', 'dist', 'main.js');
const source = join(here, '..', 'src', 'main.ts');

if (existsSync(source)) {
  const require = createRequire(import.meta.url);
  const tsxCli = require.resolve('tsx/cli');
  const result = spawnSync(
    process.execPath,
    [tsxCli, '--conditions=@tongban/source', source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
} else {
  await import(built);
}
