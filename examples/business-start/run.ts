/**
 * 企业开办“一件事”: 市场监督管理局 accepts, a host service issues the electronic business licence,
 * then 公安局 / 税务局 / 人社局 co-handle in parallel (one multi-instance task over the
 * `coDepartments` given at 受理). A co-handler silent for one working day is deemed to agree
 * (逾期未反馈视为同意): the boundary timer closes its task and the case moves on. Accepted on
 * 2026-04-30, just before the 劳动节 break, so that working day is 2026-05-06.
 *
 * This one embeds the engine directly: an in-memory runtime with a simulated clock and a real
 * service handler, driven through the public API.
 *
 *   pnpm exec tsx --conditions=@tongban/source examples/business-start/run.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CaseEvent,
  type CaseSnapshot,
  compileBpmn,
  MemoryRuntime,
  timelineEntry,
} from '@tongban/engine';
import { scenarioInstant } from '@tongban/engine/testing';

const here = dirname(fileURLToPath(import.meta.url));

export async function runBusinessStart(): Promise<{ events: readonly CaseEvent[]; snapshot: CaseSnapshot }> {
  const compiled = await compileBpmn(readFileSync(join(here, 'business-start.bpmn'), 'utf8'));
  if (!compiled.ok) {
    throw new Error(compiled.diagnostics.map((d) => `${d.elementId} ${d.code} ${d.message}`).join('\n'));
  }
  let now = scenarioInstant('2026-04-30T09:10', -1);
  const at = async (time: string) => {
    const target = scenarioInstant(time, -1);
    await runtime.runDueTimers(target); // the timers that fall due meanwhile fire at their own time
    now = target;
  };
  let licenceSerial = 0;
  const runtime = new MemoryRuntime({
    clock: () => now,
    handlers: {
      // A host handler: in production this would call the licence system; here it mints a number.
      issueLicence: ({ variables }) => ({
        licenceNo: `91440300MA5${String(++licenceSerial).padStart(6, '0')}`,
        licensedName: String(variables.enterpriseName),
      }),
    },
  });
  const caseId = 'QYKB-2026-0430-017';
  const hash = await runtime.deploy(compiled.definition);
  await runtime.start(hash, {
    caseId,
    variables: { enterpriseName: '某某科技有限公司' },
    coDepartments: ['公安局', '税务局', '人力资源和社会保障局'],
  });
  const complete = async (elementId: string, department: string, outcome?: string) => {
    const task = (await runtime.openTasks(caseId)).find(
      (t) => t.elementId === elementId && t.department === department,
    );
    if (!task) throw new Error(`${elementId} is not open for ${department}`);
    await runtime.execute(caseId, {
      type: 'completeTask',
      taskId: task.id,
      department,
      ...(outcome ? { outcome } : {}),
    });
  };

  await at('2026-04-30T10:00');
  await complete('Accept', '市场监督管理局'); // the licence handler runs at once
  await at('2026-04-30T15:00');
  await complete('CoHandle', '公安局', 'approve');
  await at('2026-05-06T09:30');
  await complete('CoHandle', '税务局', 'approve');
  await at('2026-05-06T16:00'); // 人社局's working day ran out at 10:00: deemed agreed
  await complete('Deliver', '市场监督管理局');
  return { events: runtime.events(caseId), snapshot: runtime.snapshot(caseId) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { events, snapshot } = await runBusinessStart();
  for (const event of events) console.log(JSON.stringify(timelineEntry(event)));
  console.log(
    `status: ${snapshot.status}, light: ${snapshot.light}, licence: ${String(snapshot.machine.context.vars.licenceNo)}`,
  );
}
