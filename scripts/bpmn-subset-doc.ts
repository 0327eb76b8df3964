/**
 * Writes docs/bpmn-subset.md: the BPMN subset, one section per construct, each with the model as a
 * flowchart and the statechart the compiler makes of it — both generated from the fixture files
 * by the compiler itself, so the pictures cannot drift from the code (test/docs-current.test.ts
 * fails when this file's output differs from the committed page).
 *
 *   pnpm exec tsx --conditions=@tongban/source scripts/bpmn-subset-doc.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBpmn, processToMermaid, statechartToMermaid } from '@tongban/engine';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'packages', 'engine', 'test', 'fixtures');
export const BPMN_SUBSET_PAGE = join(root, 'docs', 'bpmn-subset.md');

interface Construct {
  readonly file: string;
  readonly title: string;
  readonly text: string;
}

const CONSTRUCTS: readonly Construct[] = [
  {
    file: 'sequence-lead-task.bpmn',
    title: 'Sequence and user task',
    text: `Each flow node is a state; a sequence flow is a transition. A user task opens a task for its
\`tb:department\` on entry and closes it on exit; \`completeTask\` by that department (and no other) is
the event that leaves the state. Start events and merging gateways pass straight through (eventless
transitions).`,
  },
  {
    file: 'exclusive-gateway.bpmn',
    title: 'Exclusive gateway (XOR) with conditions and a default flow',
    text: `A split is a state with eventless transitions guarded by the flows' FEEL conditions, tried in
document order, the default flow last. When no condition holds and there is no default, the command
that led there is **refused** with \`NO_MATCHING_FLOW\` naming the gateway, and the case is left as
it was: the department can send it again with the right variables. A merge is a plain state with
one transition.`,
  },
  {
    file: 'inclusive-gateway.bpmn',
    title: 'Inclusive gateway (OR) split and join',
    text: `The split and its matching join become one parallel state with a region per outgoing flow.
Each region starts at a gate that enters the branch when its condition holds and otherwise goes
straight to the region's final state, so the join (the parallel state's \`onDone\`) waits for exactly
the branches that were taken. The default flow is taken only when no other condition holds; when
nothing holds and there is no default, the command is refused with \`NO_MATCHING_FLOW\`.`,
  },
  {
    file: 'nested-parallel.bpmn',
    title: 'Parallel gateway (AND) fork and join, nested',
    text: `A fork and its matching join (the fork's immediate post-dominator) become a parallel state:
one region per branch, each ending in a final state; the parallel state is done, and the flow goes on
past the join, exactly once, when every region is. Blocks nest to any depth. A fork whose branches
meet at anything but a join of the same type, a join that closes no fork, or a flow that jumps into
the middle of another branch is refused as \`UNSTRUCTURED_GATEWAY\` / \`BAD_LOOP_TARGET\`.`,
  },
  {
    file: 'loop-back.bpmn',
    title: 'Loop back (退回)',
    text: `A flow back to an earlier step is a transition to that step's state. When it leaves a
parallel stage (a co-handler sends the case back), the transition exits the stage: every sibling
task still open is cancelled at that instant, so nothing dangles and the stage starts afresh when
the flow comes back to its fork. Steps that only lead back (e.g. 等待补正材料 between a rejection
and the review) are placed outside the stage they leave. Every loop must pass a task or a catch
event (\`LOOP_WITHOUT_WAIT\` otherwise).`,
  },
  {
    file: 'subprocess.bpmn',
    title: 'Embedded subprocess',
    text: `A compound state holding the subprocess body; its \`onDone\` continues after it. Variables
are the case's (no local scope). A terminate end event inside a subprocess ends just the subprocess.`,
  },
  {
    file: 'service-task.bpmn',
    title: 'Service task',
    text: `On entry the case opens a service task naming its handler (\`tb:handler\`) and emits
\`service.requested\`. The host runs the handler (the in-memory runtime and the workers call handlers
registered by name) and answers with \`completeService\` (variables to merge) or \`failService\`
(a BPMN error code, caught by an error boundary event on the task or an enclosing subprocess; uncaught,
the case fails).`,
  },
  {
    file: 'multi-instance.bpmn',
    title: 'Multi-instance co-handling (会签) over a department list',
    text: `A parallel multi-instance user task opens one task per department — from \`tb:departments\`
or from the case variable named by \`tb:collection\` (e.g. the \`coDepartments\` given at 受理). Each
completion counts towards \`nrOfCompletedInstances\`, \`nrOfApproved\` (outcome \`approve\`) and
\`nrOfRejected\` (outcome \`reject\`); the state is left when all are done or when the
\`completionCondition\` holds (e.g. \`nrOfRejected > 0\` for 一票否决), and the instances still open
are cancelled. An empty list completes at once.`,
  },
  {
    file: 'boundary-timers.bpmn',
    title: 'Boundary timers, interrupting and non-interrupting',
    text: `Entering the task arms its boundary timers (\`step\` returns them in \`timers.set\` with their due
instants; with \`tb:calendar\` the days of the duration are working days). An interrupting timer is a
transition out of the task: the task is cancelled. A non-interrupting one runs its path in a parallel
region beside the task; the path must end in its own end event, and whatever of it is still open when
the task completes is cancelled with the task. Leaving the task disarms its timers (\`timers.cancel\`).`,
  },
  {
    file: 'timer-catch.bpmn',
    title: 'Intermediate timer catch',
    text: `A state that arms its timer on entry and leaves when it fires. ISO 8601 durations, dates and
cycles (first occurrence); \`tb:calendar\` makes the days of a duration working days.`,
  },
  {
    file: 'message-events.bpmn',
    title: 'Message catch: intermediate and boundary (补正材料)',
    text: `An intermediate message catch is a state waiting for the \`message\` command with that name;
a message boundary event is a transition out of its task (interrupting) or a side path (not). A
message the case is not waiting for is refused with \`MESSAGE_NOT_EXPECTED\`.`,
  },
  {
    file: 'end-events.bpmn',
    title: 'None, terminate and error end events',
    text: `A none end event is a final state: the region (or the case) is done. A terminate end event
jumps to the scope's terminated state, cancelling everything still open in it. An error end event
raises the error to the nearest enclosing subprocess with a matching error boundary; uncaught, the
case ends as \`failed\`.`,
  },
];

const INTRO = `# The BPMN subset

Tongban compiles BPMN, it does not interpret it: a model is checked against a **structured subset**
and turned into an xstate v5 statechart whose parallel stages are parallel states and whose gateways
are guarded transitions. A model outside the subset is refused with diagnostics naming each element
and rule (codes and fixes: [bpmn-attributes.md](bpmn-attributes.md)); how real models from other
tools fare: [miwg-tally.md](miwg-tally.md).

Every picture below is generated from \`packages/engine/test/fixtures/\` by the compiler itself
(\`scripts/bpmn-subset-doc.ts\`; a test fails when this page is out of date). In the statecharts,
\`‖\` marks a parallel state, \`[guard]\` a conditional eventless transition, and \`complete X\`,
\`timer X\`, \`message X\` the events \`step\` sends when a command applies.

## What is in the subset

| construct | supported as |
|---|---|
| none start event (one per scope) | the scope's initial state |
| user task (\`tb:department\`, \`tb:role\`, \`tb:timeLimit\`); a plain or manual task with a department | state with a task open while it is active |
| service task (\`tb:handler\`) | state waiting for the host's \`completeService\` / \`failService\` |
| parallel multi-instance user task | one task per department, completion condition |
| exclusive gateway | guarded eventless transitions, default last |
| inclusive gateway split + join | parallel state with gated regions |
| parallel gateway fork + join, nested | parallel state, \`onDone\` = the join |
| loop back (退回) | transition to an earlier state, exiting stages it leaves |
| embedded subprocess | compound state |
| boundary timer / message, interrupting or not | transition out of the task / parallel side region |
| error boundary on a subprocess or service task | transition on a raised BPMN error |
| intermediate timer and message catch | waiting state |
| none, terminate and error end events | final state / jump to terminated / raised error |

Outside it (refused, with the element named): event-based and complex gateways, call activities,
transactions, ad-hoc and event subprocesses, sequential multi-instance and standard loops, script
and receive tasks, send and business-rule tasks without a handler, signal, escalation, compensation,
conditional and link events, message/timer start events, implicit splits (several flows out of a
task) and unstructured gateway pairs. A lane names the department of the tasks in it; pools, data
objects and text annotations are read and ignored. Models from Camunda 7, Flowable and Activiti
(candidate groups, JUEL conditions, Java delegates): [standard-bpmn.md](standard-bpmn.md).

Ids may be Chinese (\`id="消防审查"\`) or start with a digit, and sequence flows may have no id
(Flowable, Activiti): such a flow is named \`Source->Target\` (\`#2\`, \`#3\` … for more between the
same nodes). No element of the file is dropped: each is in the model or named by an error
diagnostic. Limits, each a \`LIMIT_EXCEEDED\` error naming it: at most 10,000 flow nodes, subprocesses
nested at most 32 deep, conditions of at most 2,000 characters and 100,000 iterations. A loop that
never leads to an end event is a \`DEAD_END\`. Details: [bpmn-attributes.md](bpmn-attributes.md#ids-encodings-and-size).

## Conditions

Conditions on sequence flows and multi-instance completion conditions are FEEL expressions
(Camunda 8 style, an optional leading \`=\`; simple JUEL such as \`\${approved}\` is translated to
FEEL with a warning, see [standard-bpmn.md](standard-bpmn.md#conditions-juel-to-feel)), evaluated by [feelin](https://github.com/nikku/feelin)
over the case variables: never \`eval\`, \`Function\` or \`vm\`. Completing a task merges its
\`variables\` into the case and sets \`outcome\`. A condition that does not evaluate to \`true\`
(false, null, a missing variable) does not hold. \`now()\` and \`today()\` are the instant of the
command being applied (its date in Beijing time for \`today()\`), not the wall clock, so a case
replayed on another day takes the same branches. Variable names \`__proto__\`, \`constructor\` and
\`prototype\` are refused (\`BAD_COMMAND\`), at any depth.
`;

/** The page as the current compiler draws it. */
export async function renderBpmnSubsetPage(): Promise<string> {
  const sections: string[] = [INTRO];
  for (const c of CONSTRUCTS) {
    const xml = readFileSync(join(fixtures, c.file), 'utf8');
    const result = await compileBpmn(xml);
    if (!result.ok) throw new Error(`${c.file} does not compile: ${JSON.stringify(result.diagnostics)}`);
    sections.push(
      `## ${c.title}\n\n${c.text}\n\nModel (\`${c.file}\`):\n\n\`\`\`mermaid\n${processToMermaid(result.definition)}\n\`\`\`\n\nStatechart:\n\n\`\`\`mermaid\n${statechartToMermaid(result.definition)}\n\`\`\`\n`,
    );
  }
  return `${sections.join('\n')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const page = await renderBpmnSubsetPage();
  if (process.argv.includes('--check')) {
    const current = readFileSync(BPMN_SUBSET_PAGE, 'utf8');
    if (current !== page) {
      console.error('docs/bpmn-subset.md is out of date: run scripts/bpmn-subset-doc.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(BPMN_SUBSET_PAGE, page);
    console.log(`wrote ${BPMN_SUBSET_PAGE}`);
  }
}
