/**
 * A project that installed @tongban/engine, @tongban/adapters and @tongban/cli from their
 * tarballs (test/published-packages.test.ts copies this file there, type-checks it strictly and
 * runs it). It uses the public exports only and prints one JSON line of what it saw.
 *
 *   node consumer.js <matter.bpmn> <scenario.json> <pglite data dir>
 */
import { readFileSync } from 'node:fs';
import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import { runCli } from '@tongban/cli';
import { compileBpmn, MemoryRuntime, type Scenario, tbModdleDescriptor } from '@tongban/engine';
import { simulate } from '@tongban/engine/testing';

const [bpmnPath, scenarioPath, dataDir] = process.argv.slice(2);
if (bpmnPath === undefined || scenarioPath === undefined || dataDir === undefined) {
  throw new Error('usage: consumer <matter.bpmn> <scenario.json> <data dir>');
}

// Compile the BPMN.
const compiled = await compileBpmn(readFileSync(bpmnPath, 'utf8'));
if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => `${d.elementId} ${d.message}`).join('\n'));
const definition = compiled.definition;

// A case in the in-memory runtime: start it and complete its first task.
const memory = new MemoryRuntime();
const hash = await memory.deploy(definition);
await memory.start(hash, { caseId: 'mem-1' });
const [first] = await memory.openTasks('mem-1');
if (first === undefined || first.department === null) throw new Error('no user task open after start');
await memory.execute('mem-1', { type: 'completeTask', taskId: first.id, department: first.department });

// The example's whole scenario, played to the end on the in-memory runtime.
const scenario = JSON.parse(readFileSync(scenarioPath, 'utf8')) as Scenario;
const simulated = await simulate(definition, scenario);

// The same case durably, in a PGlite database on disk; then the store reopened to read it back.
let store = await createPgliteStore({ dataDir });
const durable = new DurableRuntime({ store });
await durable.deploy(definition);
const started = await durable.start(definition.hash, { type: 'start', caseId: 'db-1' });
const task = started.openTasks[0];
if (task === undefined || task.department === null)
  throw new Error('no user task open after a durable start');
const completed = await durable.execute('db-1', {
  type: 'completeTask',
  taskId: task.id,
  department: task.department,
});
await store.close();
store = await createPgliteStore({ dataDir });
const reopened = new DurableRuntime({ store });
const row = await reopened.getCase('db-1');
const chain = await reopened.verify('db-1');
await store.close();

// The CLI's programmatic entry.
const validateCode = await runCli(['validate', bpmnPath]);

process.stdout.write(
  `${JSON.stringify({
    processId: definition.processId,
    tbPrefix: tbModdleDescriptor.prefix,
    memoryEvents: memory.events('mem-1').map((event) => event.type),
    simulatedStatus: simulated.snapshot.status,
    durableVersion: completed.version,
    reopenedVersion: row?.version ?? null,
    chainOk: chain.ok,
    validateCode,
  })}\n`,
);
