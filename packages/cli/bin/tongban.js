#!/usr/bin/env node
// The `tongban` command. Always runs in this process (no child to orphan: SIGINT and SIGTERM reach
// the command itself, and the exit code is its own).
//
// - Installed from npm: the package ships dist/ and no src/, so this imports the compiled CLI.
// - Inside the repository (src/ is there): runs the TypeScript source through tsx's loader, with
//   the `@tongban/source` condition so the workspace packages resolve to their src/ too; no build
//   step is needed for the quick start.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', 'src', 'main.ts');

if (existsSync(source)) {
  // Adds the workspace's source condition to every resolution (what `--conditions` would do).
  const addCondition =
    'export async function resolve(specifier, context, next) {' +
    ' const conditions = [...context.conditions, "@tongban/source"];' +
    ' return next(specifier, { ...context, conditions }); }';
  register(`data:text/javascript,${encodeURIComponent(addCondition)}`);
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  await import(pathToFileURL(source).href);
} else {
  await import('../dist/main.js');
}
