import type { PayloadContext } from '@tongban/engine';
import type { DurableRuntime } from '../runtime/durable-runtime.js';
import type { CaseSnapshot } from '../runtime/engine.js';

/**
 * Loads what a supervision payload is enriched from for a stored case: its definition (matter,
 * lead department, calendars), its current snapshot, the matter code and region kept on the case
 * row. A delivery may run after later commands, so clocks are as of the delivery; the event's own
 * figures (light changes, completions) are what the event recorded.
 */
export async function loadPayloadContext(runtime: DurableRuntime, caseId: string): Promise<PayloadContext> {
  const row = await runtime.getCase(caseId);
  if (row === null) return {};
  const definition = await runtime.definition(row.definitionHash);
  return {
    definition,
    snapshot: row.snapshot as CaseSnapshot,
    matter: {
      code: row.matterCode ?? definition.matter?.code ?? null,
      name: definition.matter?.name ?? null,
    },
    region: { province: row.regionProvince, city: row.regionCity, county: row.regionCounty },
  };
}
