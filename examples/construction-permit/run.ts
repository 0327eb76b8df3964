/**
 * 工程建设项目施工许可: a lead department and three co-handling departments review in parallel;
 * 消防 sends the application back once for 补正, the review runs again, and the case is decided.
 *
 *   pnpm exec tsx --conditions=@tongban/source examples/construction-permit/run.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBpmn, type Scenario, type SimulationResult, timelineEntry } from '@tongban/engine';
import { simulate } from '@tongban/engine/testing';

const here = dirname(fileURLToPath(import.meta.url));

/** Compiles the matter's BPMN and plays the scenario on the in-memory runtime. */
export async function runConstructionPermit(): Promise<SimulationResult> {
  const compiled = await compileBpmn(readFileSync(join(here, 'construction-permit.bpmn'), 'utf8'));
  if (!compiled.ok) {
    throw new Error(compiled.diagnostics.map((d) => `${d.elementId} ${d.code} ${d.message}`).join('\n'));
  }
  const scenario = JSON.parse(readFileSync(join(here, 'scenario.json'), 'utf8')) as Scenario;
  return simulate(compiled.definition, scenario);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runConstructionPermit();
  for (const event of result.events) console.log(JSON.stringify(timelineEntry(event)));
  console.log(`status: ${result.snapshot.status}, light: ${result.snapshot.light}`);
}
