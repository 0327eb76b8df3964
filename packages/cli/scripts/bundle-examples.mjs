// `prepack`: copies each example matter the demo can run (its BPMN and scenario.json) from the
// repository's examples/ into this package's examples/, so `tongban demo` works when installed
// from npm. `postpack` runs it with --remove to delete the copy again (it is not kept in git).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(cliRoot, 'examples');
rmSync(target, { recursive: true, force: true });
if (!process.argv.includes('--remove')) {
  const source = join(cliRoot, '..', '..', 'examples');
  let copied = 0;
  for (const name of readdirSync(source)) {
    const files = [`${name}.bpmn`, 'scenario.json'];
    if (!files.every((file) => existsSync(join(source, name, file)))) continue;
    mkdirSync(join(target, name), { recursive: true });
    for (const file of files) cpSync(join(source, name, file), join(target, name, file));
    copied++;
  }
  if (copied === 0) throw new Error(`no example matters found under ${source}`);
  process.stdout.write(`bundled ${copied} example matter(s) into ${target}\n`);
}
