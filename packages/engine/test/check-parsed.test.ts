import { readdirSync, readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import {
  checkParsedBpmn,
  compileBpmn,
  importDefinitions,
  TB_NAMESPACE_URI,
  tbModdleDescriptor,
} from '../src/index.js';

/**
 * The designer checks the document bpmn-js already parsed instead of saving and parsing it again.
 * That is only honest if the verdict is compileBpmn's: same ok, same diagnostics, same model.
 */

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const FIXTURES = new URL('./fixtures/', import.meta.url);
const EXAMPLES = new URL('../../../examples/', import.meta.url);

function document(body: string, roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tb="${TB_NAMESPACE_URI}" id="D" targetNamespace="https://tongban.dev/test">
  ${roots}<bpmn:process id="P" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
}

const flow = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const task = (id: string, attrs = 'tb:department="住房和城乡建设局"') =>
  `<bpmn:userTask id="${id}" ${attrs}/>`;

/** Broken in every stage: parse warnings, importer errors, structure, timing and tb typos. */
const BROKEN: Record<string, string> = {
  'duplicate id': document(
    `<bpmn:startEvent id="S"/>${task('T')}${task('T')}<bpmn:endEvent id="E"/>${flow('F1', 'S', 'T')}${flow('F2', 'T', 'E')}`,
  ),
  'unknown element and tb typo': document(
    `<bpmn:startEvent id="S"/><bpmn:fancyTask id="X"/>${task('T', 'tb:department="住建" tb:deparment="x" tb:rejectMode="veto"')}<bpmn:endEvent id="E"/>${flow('F1', 'S', 'T')}${flow('F2', 'T', 'E')}`,
  ).replace('isExecutable="true"', 'isExecutable="true" tb:rejectMode="maybe"'),
  'undeclared message': document(
    `<bpmn:startEvent id="S"/><bpmn:intermediateCatchEvent id="W"><bpmn:messageEventDefinition messageRef="Nope"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="E"/>${flow('F1', 'S', 'W')}${flow('F2', 'W', 'E')}`,
  ),
  'missing department and bad limit': document(
    `<bpmn:startEvent id="S"/>${task('T', 'tb:timeLimit="soon" tb:timeoutAction="wait"')}<bpmn:endEvent id="E"/>${flow('F1', 'S', 'T')}${flow('F2', 'T', 'E')}`,
  ),
  'unbalanced fork (compile stage)': document(
    `<bpmn:startEvent id="S"/><bpmn:parallelGateway id="G"/>${task('A')}${task('B')}<bpmn:endEvent id="E1"/><bpmn:endEvent id="E2"/><bpmn:exclusiveGateway id="X"/>${flow('F1', 'S', 'G')}${flow('F2', 'G', 'A')}${flow('F3', 'G', 'B')}${flow('F4', 'A', 'X')}${flow('F5', 'B', 'X')}${flow('F6', 'X', 'E1')}`,
  ),
  'unknown calendar (timing)': document(
    `<bpmn:startEvent id="S"/>${task('T')}<bpmn:endEvent id="E"/>${flow('F1', 'S', 'T')}${flow('F2', 'T', 'E')}`,
  ).replace('isExecutable="true"', 'isExecutable="true" tb:calendar="Mars" tb:officeHours="9-5"'),
};

function files(dir: URL, deep: boolean): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, string][] => {
    if (entry.isDirectory())
      return deep
        ? files(new URL(`${entry.name}/`, dir), false).map(([n, x]) => [`${entry.name}/${n}`, x])
        : [];
    return entry.name.endsWith('.bpmn') ? [[entry.name, readFileSync(new URL(entry.name, dir), 'utf8')]] : [];
  });
}

const CASES: [string, string][] = [
  ...files(FIXTURES, false),
  ...files(EXAMPLES, true),
  ...Object.entries(BROKEN),
];

describe('checkParsedBpmn on a parsed document', () => {
  const moddle = BpmnModdle({ tb: tbModdleDescriptor });

  it.each(CASES)('gives compileBpmn’s verdict for %s', async (_name, xml) => {
    const parsed = await moddle.fromXML(xml);
    const checked = checkParsedBpmn({ definitions: parsed.rootElement, warnings: parsed.warnings });
    const compiled = await compileBpmn(xml);
    expect(checked.diagnostics).toEqual(compiled.diagnostics);
    expect(checked.ok).toBe(compiled.ok);
    expect(checked.model).toEqual(compiled.ok ? compiled.definition.model : null);
  });

  it('covers valid and broken models alike', async () => {
    const valid = await Promise.all(
      files(FIXTURES, false).map(async ([, xml]) => (await compileBpmn(xml)).ok),
    );
    expect(valid).toContain(true);
    for (const [name, xml] of Object.entries(BROKEN)) {
      expect((await compileBpmn(xml)).ok, name).toBe(false);
    }
  });

  it('refuses what is not a parsed bpmn:definitions element, without throwing', () => {
    for (const definitions of [null, 'xml', { $type: 'bpmn:Process' }]) {
      expect(importDefinitions({ definitions }).diagnostics).toEqual([
        expect.objectContaining({ code: 'MALFORMED_XML', elementId: null, severity: 'error' }),
      ]);
      expect(checkParsedBpmn({ definitions }).ok).toBe(false);
    }
  });
});
