import { createPgliteStore, DurableRuntime, ManualClock, TimeSkipping } from '@tongban/adapters';
import {
  type CaseEvent,
  type CaseSnapshot,
  type CompiledDefinition,
  type Scenario,
  snapshotTasks,
  type TaskRecord,
} from '@tongban/engine';
import { scenarioCommand, scenarioInstant } from '@tongban/engine/testing';

/** Where the durable run is, for progress lines: opening the store takes seconds. */
export type DemoStep =
  | { readonly kind: 'opening' }
  | { readonly kind: 'opened' }
  | { readonly kind: 'running'; readonly steps: number };

export interface DurableRun {
  readonly events: readonly CaseEvent[];
  readonly snapshot: CaseSnapshot;
  /** The audit chain of the case, verified from the stored rows. */
  readonly chain: { readonly ok: boolean; readonly events: number };
}

/**
 * Plays a scenario through the durable runtime on an embedded PGlite database (in memory), with a
 * simulated clock: every command is a real transaction, every timer (BPMN and light) is fired by a
 * real timer worker at its due instant. The same path a production deployment takes, minus the
 * wall clock.
 */
export async function runScenarioDurably(
  definition: CompiledDefinition,
  scenario: Scenario,
  onProgress: (step: DemoStep) => void = () => {},
): Promise<DurableRun> {
  // The store says when it starts opening and when it is ready (migrated): the demo's lines.
  const store = await createPgliteStore({
    onProgress: (step) => {
      if (step.step === 'opening') onProgress({ kind: 'opening' });
      else if (step.step === 'migrated') onProgress({ kind: 'opened' });
    },
  });
  try {
    const clock = new ManualClock(scenarioInstant(scenario.start.at, -1));
    const runtime = new DurableRuntime({ store, clock: clock.now });
    const time = new TimeSkipping({ runtime, clock });
    const caseId = scenario.start.caseId ?? 'demo-1';
    await runtime.deploy(definition);
    await runtime.start(definition.hash, {
      type: 'start',
      caseId,
      ...(scenario.start.variables ? { variables: scenario.start.variables } : {}),
      ...(scenario.start.coDepartments ? { coDepartments: scenario.start.coDepartments } : {}),
      ...(scenario.start.intake ? { intake: scenario.start.intake } : {}),
      ...(scenario.start.actor ? { actor: { id: scenario.start.actor } } : {}),
    });

    /** Lets time pass to `target`, firing each timer that falls due at its own instant. */
    const advance = async (target: number): Promise<void> => {
      await time.advanceTo(Math.max(time.now(), target));
    };

    const steps = scenario.steps ?? [];
    onProgress({ kind: 'running', steps: steps.length });
    for (const [i, step] of steps.entries()) {
      const at = step.at ?? step.advanceTo;
      if (at !== undefined) await advance(scenarioInstant(at, i));
      if (step.advanceTo !== undefined) continue;
      const row = await runtime.getCase(caseId);
      const snapshot = row?.snapshot as CaseSnapshot | undefined;
      const open: TaskRecord[] = snapshot ? snapshotTasks(snapshot) : [];
      await runtime.execute(caseId, scenarioCommand(open, step, i));
    }
    if (scenario.until !== undefined) await advance(scenarioInstant(scenario.until, -1));

    const events = (await runtime.events(caseId)).map((row) => row.payload as CaseEvent);
    const row = await runtime.getCase(caseId);
    const verdict = await runtime.verify(caseId);
    return {
      events,
      snapshot: row?.snapshot as CaseSnapshot,
      chain: { ok: verdict.ok, events: events.length },
    };
  } finally {
    await store.close();
  }
}
