import { describe, expect, it } from 'vitest';
import { importBpmn } from '../src/bpmn/index.js';
import { step } from '../src/runtime/step.js';
import { compiled, end, model, scope, start, task } from './support/ir.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);

describe('working-hour limits in a running case', () => {
  it("count in the centre's own office hours (tb:officeHours)", () => {
    const definition = compiled(
      model(
        scope(
          'p',
          [start('s'), task('answer', '12345热线', { limit: { amount: 4, unit: 'workingHours' } }), end('e')],
          [
            ['s', 'answer'],
            ['answer', 'e'],
          ],
        ),
        {
          code: 'HOTLINE',
          name: '12345 热线工单',
          kind: 'promised',
          legalLimit: null,
          promisedLimit: null,
          warning: null,
          extensionCap: null,
          calendar: null,
          officeHours: [
            { from: '08:30', to: '12:00' },
            { from: '14:00', to: '18:00' },
          ],
        },
      ),
    );
    const started = step(definition, null, { type: 'start', caseId: 'h1' }, bj('2026-03-02T11:00:00'));
    if (!started.ok) throw started.error;
    // 11:00–12:00 (1 h), then 14:00–17:00 (3 h).
    expect(started.openTasks[0]?.dueAt).toBe(bj('2026-03-02T17:00:00'));
  });

  it('a malformed tb:officeHours is a diagnostic on the process', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tb="https://tongban.dev/schema/bpmn/tb/1.0" id="d" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true" tb:matterCode="X" tb:officeHours="12:00-09:00">
    <bpmn:startEvent id="s" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;
    const imported = await importBpmn(xml);
    expect(imported.diagnostics.map((d) => [d.elementId, d.code])).toContainEqual(['p', 'BAD_MATTER']);
  });
});
