import { readFileSync } from 'node:fs';
import { CommandError, type CompiledDefinition, compileBpmn } from '@tongban/engine';
import { getCalendar } from '@tongban/engine/calendar';
import { beforeAll, describe, expect, it } from 'vitest';
import { DryRun } from './dry-run.js';

const example = new URL('../../../../examples/construction-permit/construction-permit.bpmn', import.meta.url);
const calendar = getCalendar('CN');
const at = (date: string, hour = 9) => calendar.startOfDay(date) + hour * 3_600_000;

describe('dry run on the in-memory runtime', () => {
  let definition: CompiledDefinition;
  beforeAll(async () => {
    const compiled = await compileBpmn(readFileSync(example, 'utf8'));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    definition = compiled.definition;
  });

  it('opens the lead task, then every parallel review, each held by its department', async () => {
    const run = new DryRun(definition, at('2026-02-09'));
    expect(run.snapshot()).toBeNull();
    await run.start();
    expect(run.openTasks().map((t) => [t.elementId, t.department])).toEqual([['Accept', '住房和城乡建设局']]);
    await run.advanceTo(at('2026-02-09', 15));
    await run.complete(run.openTasks()[0]!, 'approve');
    expect(
      run
        .openTasks()
        .map((t) => [t.elementId, t.department, t.role])
        .sort(),
    ).toEqual([
      ['AirDefenceReview', '人民防空办公室', 'co'],
      ['FireReview', '消防救援支队', 'co'],
      ['LeadReview', '住房和城乡建设局', 'lead'],
      ['PlanningReview', '自然资源和规划局', 'co'],
    ]);
    expect(run.snapshot()?.status).toBe('running');
    expect(run.messageNames()).toEqual(['补正材料']);
    expect(run.pendingTimers().length).toBeGreaterThan(0);
  });

  it('fires light timers as time passes and reports refusals as engine errors', async () => {
    const run = new DryRun(definition, at('2026-02-09'));
    await run.start();
    await run.complete(run.openTasks()[0]!, 'approve');
    // Opened 2/9: the co-handlers' 7 working days end 2/26, LeadReview's 10 end on the make-up
    // Saturday 2/28; by 3/2 all four lights are red.
    await run.advanceTo(at('2026-03-02'));
    const lights = run.events().filter((e) => e.type === 'light.changed');
    expect(
      lights
        .filter((e) => e.data?.to === 'red')
        .map((e) => e.elementId)
        .sort(),
    ).toEqual(['AirDefenceReview', 'FireReview', 'LeadReview', 'PlanningReview']);
    await expect(run.message('没有这个消息')).rejects.toBeInstanceOf(CommandError);
  });
});
