/**
 * Runs every MIWG corpus model through Tongban and writes docs/miwg-tally.md: per file, whether it
 * compiles or why it is refused, and a tally by diagnostic code.
 *
 *   pnpm exec tsx --conditions=@tongban/source scripts/miwg-tally.ts
 *
 * Uses the full pipeline (`validateBpmn`: import + compile) when packages/engine/src/validate.ts
 * exists, else import only (and says so in the output).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from '../packages/engine/src/model/diagnostics.js';

interface Verdict {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

type Check = (xml: string) => Promise<Verdict>;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CORPUS = `${ROOT}../shared/corpus/miwg/`;
const FOLDERS = ['reference', 'bpmn-io-export'];
const OUTPUT = `${ROOT}docs/miwg-tally.md`;
const VALIDATE = `${ROOT}packages/engine/src/validate.ts`;

async function loadCheck(): Promise<{ readonly check: Check; readonly mode: string }> {
  if (existsSync(VALIDATE)) {
    const module = (await import(pathToFileURL(VALIDATE).href)) as { validateBpmn: Check };
    return {
      check: (xml) => module.validateBpmn(xml),
      mode: 'full pipeline (`validateBpmn`: import + compile)',
    };
  }
  const { importBpmn } = await import('../packages/engine/src/bpmn/index.js');
  return {
    check: async (xml) => {
      const { model, diagnostics } = await importBpmn(xml);
      return { ok: model !== null && !diagnostics.some((d) => d.severity === 'error'), diagnostics };
    },
    mode: '**import only** (packages/engine/src/validate.ts does not exist yet; re-run once the compiler lands)',
  };
}

/** A Markdown table padded the way the formatter (biome) lays it out, so the file stays lint-clean. */
function table(
  headers: readonly string[],
  right: readonly boolean[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((header, i) =>
    Math.max(3, header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((text, i) => (right[i] ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((width, i) => (right[i] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Each code once, in order of first appearance, with how often and the first element it names. */
function reasons(errors: readonly Diagnostic[]): string {
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of errors) byCode.set(d.code, [...(byCode.get(d.code) ?? []), d]);
  return [...byCode.entries()]
    .map(([code, all]) => `\`${code}\` ×${all.length} (${all[0]?.elementId ?? 'document'})`)
    .join('; ');
}

/** "A sendTask", "A signal boundary event": what an unsupported-construct message is about. */
function construct(d: Diagnostic): string | null {
  if (d.code !== 'UNSUPPORTED_ELEMENT' && d.code !== 'UNSUPPORTED_EVENT_DEFINITION') return null;
  return /^(.+?) (?:is|are) not supported/.exec(d.message)?.[1]?.replace(/^an? /i, '') ?? null;
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.error(`MIWG corpus not found at ${CORPUS}; nothing to tally.`);
    process.exitCode = 1;
    return;
  }
  const { check, mode } = await loadCheck();
  const rows: string[][] = [];
  const filesByCode = new Map<string, number>();
  const countByCode = new Map<string, number>();
  const constructs = new Map<string, number>();
  let compiled = 0;
  let total = 0;
  for (const folder of FOLDERS) {
    const names = readdirSync(`${CORPUS}${folder}`)
      .filter((name) => name.endsWith('.bpmn'))
      .sort();
    for (const name of names) {
      total++;
      const verdict = await check(readFileSync(`${CORPUS}${folder}/${name}`, 'utf8'));
      const errors = verdict.diagnostics.filter((d) => d.severity === 'error');
      const warnings = verdict.diagnostics.length - errors.length;
      if (verdict.ok) compiled++;
      for (const code of new Set(errors.map((d) => d.code)))
        filesByCode.set(code, (filesByCode.get(code) ?? 0) + 1);
      for (const d of errors) countByCode.set(d.code, (countByCode.get(d.code) ?? 0) + 1);
      for (const what of errors.map(construct))
        if (what !== null) constructs.set(what, (constructs.get(what) ?? 0) + 1);
      const status = verdict.ok ? 'compiled' : 'refused';
      rows.push([
        `${folder}/${name}`,
        status,
        String(errors.length),
        String(warnings),
        cell(reasons(errors)),
      ]);
    }
  }
  const tally = [...filesByCode.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, files]) => [`\`${code}\``, String(files), String(countByCode.get(code) ?? 0)]);
  const constructRows = [...constructs.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([what, count]) => [cell(what), String(count)]);
  const text = `# MIWG corpus tally

The [BPMN MIWG](https://github.com/bpmn-miwg/bpmn-miwg-test-suite) test models (\`../shared/corpus/miwg\`:
\`reference/\` as drawn by the original tools, \`bpmn-io-export/\` as re-exported by bpmn-js) run
through Tongban. These are general BPMN models, not parallel-approval matters, so most are refused:
the point is that none crashes and every refusal names the element and the rule
(see [bpmn-attributes.md](bpmn-attributes.md) for every code and its fix).

Generated by \`pnpm exec tsx --conditions=@tongban/source scripts/miwg-tally.ts\`; checked by
\`test/miwg-corpus.test.ts\`. Mode: ${mode}.

**${compiled} of ${total} compiled, ${total - compiled} refused.**

## By reason

${table(['code', 'files refused with it', 'errors'], [false, true, true], tally)}

## Unsupported constructs

${table(['construct', 'occurrences'], [false, true], constructRows)}

## By file

Reasons: each code with how many times it occurs and the first element it names.

${table(['file', 'result', 'errors', 'warnings', 'reasons'], [false, false, true, true, false], rows)}
`;
  writeFileSync(OUTPUT, text);
  console.log(`${compiled}/${total} compiled; wrote ${OUTPUT} (${mode})`);
}

await main();
