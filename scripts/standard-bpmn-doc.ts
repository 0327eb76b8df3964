// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the page shows JUEL, written ${…}.
/**
 * Writes docs/standard-bpmn.md: what Tongban reads from standard BPMN and from Camunda 7, Flowable
 * and Activiti attributes, the JUEL subset, how to fix the common refusals, and the tally of the
 * vendor corpus (test/corpus/vendor/): how many of those real models compile, compile with
 * warnings, or are refused, by reason. The tally is computed by the compiler itself;
 * test/docs-current.test.ts fails when the committed page differs, and
 * test/vendor-corpus.test.ts checks the counts against test/corpus/vendor/tally.json.
 *
 *   pnpm exec tsx --conditions=@tongban/source scripts/standard-bpmn-doc.ts [--check]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Diagnostic, validateBpmn } from '@tongban/engine';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const VENDOR_CORPUS = join(root, 'test', 'corpus', 'vendor');
export const VENDOR_TALLY = join(VENDOR_CORPUS, 'tally.json');
export const STANDARD_BPMN_PAGE = join(root, 'docs', 'standard-bpmn.md');

/** One corpus file's outcome: `compiled`, `warnings` (compiled with warnings) or `refused:CODE` (its first error). */
export type Outcome = 'compiled' | 'warnings' | `refused:${string}`;

export interface FileVerdict {
  /** `<source>/<file>` under test/corpus/vendor/. */
  readonly file: string;
  readonly outcome: Outcome;
  readonly diagnostics: readonly Diagnostic[];
}

/** The corpus files, `<source>/<file>`, sorted: every file but the licences and notes. */
export function vendorCorpusFiles(): string[] {
  return readdirSync(VENDOR_CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((source) =>
      readdirSync(join(VENDOR_CORPUS, source.name))
        .filter((name) => name !== 'LICENSE')
        .map((name) => `${source.name}/${name}`),
    )
    .sort();
}

export async function judge(file: string): Promise<FileVerdict> {
  const { ok, diagnostics } = await validateBpmn(readFileSync(join(VENDOR_CORPUS, file), 'utf8'));
  const firstError = diagnostics.find((d) => d.severity === 'error');
  const outcome: Outcome = ok
    ? diagnostics.length === 0
      ? 'compiled'
      : 'warnings'
    : `refused:${firstError?.code ?? 'unknown'}`;
  return { file, outcome, diagnostics };
}

export async function judgeCorpus(): Promise<FileVerdict[]> {
  const verdicts: FileVerdict[] = [];
  for (const file of vendorCorpusFiles()) verdicts.push(await judge(file));
  return verdicts;
}

/** Files per outcome, in a stable order: compiled, warnings, then refusals by count. */
export function tally(verdicts: readonly FileVerdict[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const { outcome } of verdicts) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  const order = (key: string) => (key === 'compiled' ? 0 : key === 'warnings' ? 1 : 2);
  return Object.fromEntries(
    [...counts.entries()].sort(
      ([a, x], [b, y]) => order(a) - order(b) || y - x || (a < b ? -1 : a > b ? 1 : 0),
    ),
  );
}

function byCode(
  verdicts: readonly FileVerdict[],
  severity: Diagnostic['severity'],
): [string, number, number][] {
  const files = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const verdict of verdicts) {
    for (const d of verdict.diagnostics) {
      if (d.severity !== severity) continue;
      counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
      files.set(d.code, (files.get(d.code) ?? new Set()).add(verdict.file));
    }
  }
  return [...counts.entries()]
    .map(([code, count]): [string, number, number] => [code, files.get(code)?.size ?? 0, count])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** What vendor attributes gave, by source: `camunda:candidateGroups` ×12. */
function takenFrom(verdicts: readonly FileVerdict[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const verdict of verdicts) {
    for (const d of verdict.diagnostics) {
      const source =
        d.code === 'JUEL_TRANSLATED'
          ? 'JUEL condition → FEEL'
          : d.code === 'TASK_READ_AS_USER_TASK'
            ? `${String(d.params?.type)} → user task`
            : (d.params?.source ?? d.params?.attribute);
      if (d.severity !== 'warning' || source === undefined) continue;
      counts.set(String(source), (counts.get(String(source)) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

const INTRO = `# Standard BPMN in: models from bpmn.io, Camunda, Flowable and Activiti

Most agency systems in China run Activiti or Flowable, and most BPMN on the web was drawn in
bpmn.io or Camunda Modeler. Tongban reads what such models say in their own words — lanes,
\`potentialOwner\`, candidate groups, JUEL conditions, Java delegates — wherever it can mean one
thing, and **says what it took from where** in a warning on the element. What it cannot read is
refused with an error naming the element and what to write instead. \`tongban validate --explain
file.bpmn\` prints the warnings of each file grouped by where they came from (zh-CN or en).

Every diagnostic below has a stable \`code\` and its values in \`params\` (for translated message
catalogues). \`tb:\` attributes always win over anything inferred, and silence the warning.

## Who does a task

A user task needs one department (并联审批 assigns work to departments, not people). In order:

| where | example | diagnostic |
|---|---|---|
| \`tb:department\` on the task | \`tb:department="自然资源和规划局"\` | none |
| \`tb:department\` on the innermost lane holding the task | \`<lane name="审批科" tb:department="自然资源和规划局">\` | none |
| \`potentialOwner\` / \`humanPerformer\` with a \`resourceAssignmentExpression\` naming one group | \`<formalExpression>group(规划局)</formalExpression>\` or a bare \`规划局\` (Activiti's reading); \`user(…)\` entries are people and do not count | \`DEPARTMENT_INFERRED\` warning |
| \`camunda:\`, \`flowable:\` or \`activiti:candidateGroups\` naming one group | \`flowable:candidateGroups="税务局"\` | \`DEPARTMENT_INFERRED\` warning |
| Camunda 8: \`<zeebe:assignmentDefinition candidateGroups="…">\` naming one group | \`candidateGroups="税务局"\` | \`DEPARTMENT_INFERRED\` warning |
| the innermost lane holding the task: its name | \`<lane name="市场监督管理局">\` | \`DEPARTMENT_INFERRED\` warning |

Vendor attributes are found by namespace URI (\`http://camunda.org/schema/1.0/bpmn\`,
\`http://flowable.org/bpmn\`, \`http://activiti.org/bpmn\`), whatever prefix the file uses. Several
candidate groups on a task outside any lane are \`AMBIGUOUS_DEPARTMENT\` (keep one, set
\`tb:department\`, or use lanes); inside a lane, the lane decides and the warning says the groups
were not one department. A group written as an expression (\`\${group}\`) or an assignee
(\`camunda:assignee="demo"\`) names no department: \`MISSING_DEPARTMENT\` says so and proposes a lane
of the process when it has some.

**Plain \`task\` and \`manualTask\`** (what bpmn.io draws by default) run as user tasks of the
department found as above (\`TASK_READ_AS_USER_TASK\` warning); without one they are
\`MISSING_DEPARTMENT\`.

## Service tasks

When \`tb:handler\` is absent, the host handler's name is taken from, in order:
\`class\`, \`delegateExpression\`, \`expression\`, \`topic\` (Camunda external tasks), \`type\`
(Flowable's \`mail\`, \`http\`…) in the Camunda, Flowable or Activiti namespace, with a
\`HANDLER_INFERRED\` warning (Camunda 8: the job type of \`<zeebe:taskDefinition type="…">\`): \`camunda:delegateExpression="\${approvalDelegate}"\` calls the handler
\`approvalDelegate\`, \`flowable:class="com.example.Notify"\` the handler \`com.example.Notify\`.
Register handlers under those names, or set \`tb:handler\`. A \`sendTask\` or \`businessRuleTask\`
with such an attribute (or \`tb:handler\`) runs as a service task.

## Conditions: JUEL to FEEL

Tongban's conditions are FEEL. A condition written \`\${…}\` or \`#{…}\` (JUEL, the EL of Camunda 7,
Flowable and Activiti) is translated when it is in this subset, with a \`JUEL_TRANSLATED\` warning
showing the FEEL that runs:

| JUEL | FEEL |
|---|---|
| \`&&\`, \`and\` / \`\\|\\|\`, \`or\` | \`and\` / \`or\` |
| \`!x\`, \`not x\` | \`x != true\` (JUEL reads null as false: \`not(x)\` would be null) |
| \`==\`, \`eq\` / \`!=\`, \`ne\` | \`=\` / \`!=\` |
| \`<\` \`>\` \`<=\` \`>=\`, \`lt\` \`gt\` \`le\` \`ge\` | the same symbols |
| \`'text'\`, \`"text"\`, \`1000\`, \`-2.5\`, \`true\`, \`false\`, \`null\` | \`"text"\`, numbers, booleans, null |
| \`approved\`, \`order.amount\` | the same names and paths |
| \`x == 'true'\`, \`x != 'false'\` (Activiti form values, any case) | \`(x = true or x = "true")\`, \`(x = false or x = "false") != true\`: JUEL compares a boolean with the text \`'true'\` as a boolean. Other text against a boolean variable (JUEL: \`false\`) is compared as text |
| \`( … )\` | parentheses where FEEL needs them |

So \`\${amount > 1000 && type == 'A'}\` runs as \`amount > 1000 and type = "A"\`. A property test
(\`packages/engine/src/expr/juel/juel.test.ts\`) checks, for random conditions in the subset and
random typed variable values (nulls included), that the FEEL holds exactly when the JUEL would.
Everything else — method calls (\`\${execution.getVariable('x')}\`, \`\${bean.check()}\`), arithmetic,
\`empty\`, \`[…]\`, text around the expression — is \`JUEL_UNSUPPORTED\`: "JUEL is not supported;
write FEEL: …", with a FEEL rewrite when one can be guessed (\`execution.getVariable('approved') ==
true\` → \`approved = true\`; \`nrOfCompletedInstances/nrOfInstances >= 0.5\` as is, FEEL has
arithmetic).

## 会签 over people

A multi-instance user task over a collection of people (\`camunda:collection="\${assigneeList}"\`
\`camunda:elementVariable="assignee"\`, \`flowable:collection\`, a \`loopDataInputRef\`, or a
\`loopCardinality\`) is the OA way of writing 会签. Tongban's multi-instance runs once per
**department** (\`tb:departments\` / \`tb:collection\`); people of one department sign **one** task
under a decision mode. So when the task's department is known (as above), the loop is read as that
task with the decision mode its completion condition amounts to — none or
\`nrOfCompletedInstances == nrOfInstances\`: \`all\` (会签); \`nrOfCompletedInstances == 1\` (or
\`>= 1\`): \`any\` (或签); \`nrOfCompletedInstances/nrOfInstances >= 0.6\`: \`vote\` with
\`tb:passRatio="0.6"\` (票签); \`isSequential="true"\`: \`sequential\` (依次) — and a
\`MULTI_INSTANCE_OVER_PEOPLE\` warning says so; the signers are given at run time
(\`assignHandlers\`, as the vendor collection variable was) or listed in \`tb:handlers\`. Without a
department, or with a completion condition of another shape and no \`tb:decisionMode\`, the same
code is an error proposing the attributes to write.

## Timers

Timer values must be fixed ISO 8601 (\`P3D\`, \`2026-03-01T09:00:00+08:00\`, \`R3/P1D\`), so deadlines
can be checked and previewed. \`\${…}\` timers are \`BAD_TIMER\` with the supported forms; for a limit
in working days set \`tb:timeLimit\` on the task, and for a date the case decides have the host send a
message. Cron expressions (Flowable/Quartz \`0 0 9 * * ?\`) are not ISO 8601 and are refused the same way.

## Fixing the common refusals

| code | what to do |
|---|---|
| \`MISSING_DEPARTMENT\` | Put the task in a lane named after its department, or set \`tb:department\` (one group in \`candidateGroups\` also works). Assignees are people: Tongban assigns departments, and people within them through its worklists. |
| \`AMBIGUOUS_DEPARTMENT\` | Keep one group, or use lanes; several departments working in parallel are a parallel gateway or a multi-instance task over \`tb:departments\`. |
| \`JUEL_UNSUPPORTED\` | Write the condition in FEEL (the message proposes it when it can); have a service task compute what a method call did into a case variable. |
| \`MULTI_INSTANCE_OVER_PEOPLE\` | Give the task its department (lane, one candidate group or \`tb:department\`); for an unusual completion condition, set \`tb:decisionMode\` (and \`tb:handlers\`). |
| \`MISSING_HANDLER\` | Set \`tb:handler\`, or a \`camunda:class\`/\`delegateExpression\`. |
| \`UNSUPPORTED_ELEMENT\` (script task, call activity, event-based gateway…) | See [bpmn-subset.md](bpmn-subset.md): script work goes to a service task's handler, called processes are inlined as subprocesses. |
| \`BAD_TIMER\` | A fixed ISO 8601 value, or \`tb:timeLimit\`. |
`;

/** The page for these verdicts. */
export function renderStandardBpmnPage(verdicts: readonly FileVerdict[]): string {
  const counts = tally(verdicts);
  const sources = [...new Set(verdicts.map((v) => v.file.split('/')[0] ?? ''))];
  const perSource = sources.map((source) => {
    const mine = verdicts.filter((v) => v.file.startsWith(`${source}/`));
    const compiled = mine.filter((v) => v.outcome === 'compiled').length;
    const warned = mine.filter((v) => v.outcome === 'warnings').length;
    return [source, mine.length, compiled, warned, mine.length - compiled - warned];
  });
  const label = (outcome: string) =>
    outcome === 'compiled'
      ? 'compiled, no diagnostics'
      : outcome === 'warnings'
        ? 'compiled with warnings'
        : `refused, first error \`${outcome.slice('refused:'.length)}\``;
  const compiledAll = (counts.compiled ?? 0) + (counts.warnings ?? 0);
  return `${INTRO}
## The vendor corpus

${verdicts.length} real models written by others — Camunda's examples, Flowable's engine tests,
bpmn-io's examples and paed01/bpmn-engine's tests — are committed under \`test/corpus/vendor/\`
with their licences (\`SOURCES.md\` records repository, commit and path). They were written for other
engines, often to test exactly what Tongban leaves out, so most are refused; what matters is that
every file either compiles or gets typed diagnostics naming elements, never a crash.
**${compiledAll} of ${verdicts.length} compile** (${counts.compiled ?? 0} without any diagnostic). Generated by
\`scripts/standard-bpmn-doc.ts\`; \`test/vendor-corpus.test.ts\` holds these counts to
\`test/corpus/vendor/tally.json\`.

${table(
  ['outcome', 'files'],
  Object.entries(counts).map(([outcome, n]) => [label(outcome), n]),
)}

By source:

${table(['source', 'files', 'compiled', 'with warnings', 'refused'], perSource)}

Errors by code (a file counts once per code it has):

${table(
  ['code', 'files', 'errors'],
  byCode(verdicts, 'error').map(([code, files, n]) => [`\`${code}\``, files, n]),
)}

What was read from where (warnings, across the corpus):

${table(
  ['taken from', 'times'],
  takenFrom(verdicts).map(([source, n]) => [`\`${source}\``, n]),
)}
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const verdicts = await judgeCorpus();
  const page = renderStandardBpmnPage(verdicts);
  if (process.argv.includes('--check')) {
    if (readFileSync(STANDARD_BPMN_PAGE, 'utf8') !== page) {
      console.error('docs/standard-bpmn.md is out of date: run scripts/standard-bpmn-doc.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(STANDARD_BPMN_PAGE, page);
    writeFileSync(VENDOR_TALLY, `${JSON.stringify(tally(verdicts), null, 2)}\n`);
    console.log(`wrote ${STANDARD_BPMN_PAGE} and ${VENDOR_TALLY}`);
  }
}
