// After `tsc`: ships the hand-written declaration of bpmn-moddle (which has no types for its main
// entry) with the compiled types. tsc neither copies `.d.ts` sources nor points the preserved
// `/// <reference>` in dist/index.d.ts at dist/, so this does both; strict consumers
// (`skipLibCheck: false`) then type-check our `.d.ts` files without errors.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
copyFileSync(join(root, 'src', 'bpmn', 'bpmn-moddle.d.ts'), join(root, 'dist', 'bpmn', 'bpmn-moddle.d.ts'));
const index = join(root, 'dist', 'index.d.ts');
const text = readFileSync(index, 'utf8');
const fixed = text.replace('path="../src/bpmn/bpmn-moddle.d.ts"', 'path="./bpmn/bpmn-moddle.d.ts"');
if (!fixed.includes('<reference path="./bpmn/bpmn-moddle.d.ts"')) {
  throw new Error(`${index}: no reference to bpmn-moddle.d.ts to point at dist/`);
}
writeFileSync(index, fixed);
