// The README's "Using the engine" example, as a function of the runtime it runs on. Its body is the
// README's code block without the imports and the `new MemoryRuntime()` line; readme-runtime.test.ts
// checks that they stay the same and runs it on both runtimes.
import { readFileSync } from 'node:fs';
import { type CaseOutcome, type CaseRuntime, compileBpmn } from '@tongban/engine';

export async function readmeEmbedder(runtime: CaseRuntime): Promise<CaseOutcome> {
  const compiled = await compileBpmn(
    readFileSync('examples/construction-permit/construction-permit.bpmn', 'utf8'),
  );
  if (!compiled.ok)
    throw new Error(compiled.diagnostics.map((d) => `${d.elementId} ${d.code} ${d.message}`).join('\n'));

  const hash = await runtime.deploy(compiled.definition);
  await runtime.start(hash, { caseId: 'SGXK-2026-0001', variables: { projectName: '滨江路小学改扩建工程' } });
  const [accept] = await runtime.openTasks('SGXK-2026-0001');
  const outcome = await runtime.execute('SGXK-2026-0001', {
    type: 'completeTask',
    taskId: accept!.id,
    department: '住房和城乡建设局',
  });
  return outcome;
}
