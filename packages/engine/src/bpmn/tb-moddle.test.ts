import { readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { TB_NAMESPACE_URI, tbModdleDescriptor } from './index.js';

describe('tb moddle descriptor', () => {
  it('is the JSON file published as @tongban/engine/tb-moddle.json', () => {
    const file = JSON.parse(readFileSync(new URL('./tb-moddle.json', import.meta.url), 'utf8'));
    expect(tbModdleDescriptor).toEqual(file);
    expect(tbModdleDescriptor).toMatchObject({ prefix: 'tb', uri: TB_NAMESPACE_URI });
  });

  it('extends exactly the four BPMN types with string attributes', () => {
    const byType = Object.fromEntries(
      tbModdleDescriptor.types.map((type) => [type.extends.join(), type.properties.map((p) => p.name)]),
    );
    expect(byType).toEqual({
      'bpmn:Process': [
        'matterCode',
        'matterName',
        'matterKind',
        'legalLimit',
        'legalLimitUnit',
        'promisedLimit',
        'promisedLimitUnit',
        'warning',
        'warningUnit',
        'extensionCap',
        'calendar',
        'rejectMode',
        'supplementMode',
        'officeHours',
      ],
      'bpmn:UserTask': [
        'department',
        'role',
        'timeLimit',
        'timeLimitUnit',
        'warning',
        'warningUnit',
        'departments',
        'collection',
        'timeoutAction',
        'decisionMode',
        'handlers',
        'passRatio',
        'claim',
      ],
      'bpmn:ServiceTask': ['handler'],
      'bpmn:TimerEventDefinition': ['calendar'],
    });
    for (const type of tbModdleDescriptor.types) {
      for (const property of type.properties)
        expect(property).toMatchObject({ isAttr: true, type: 'String' });
    }
  });

  it('lets bpmn-moddle create, write and read back tb attributes (as bpmn-js does)', async () => {
    const moddle = BpmnModdle({ tb: tbModdleDescriptor });
    const task = moddle.create('bpmn:UserTask', {
      id: 'T',
      'tb:department': '消防救援支队',
      'tb:role': 'co',
    });
    const process = moddle.create('bpmn:Process', { id: 'P', 'tb:matterCode': 'X1', flowElements: [task] });
    const definitions = moddle.create('bpmn:Definitions', {
      id: 'D',
      targetNamespace: 'x',
      rootElements: [process],
    });
    const { xml } = await moddle.toXML(definitions);
    expect(xml).toContain(`xmlns:tb="${TB_NAMESPACE_URI}"`);
    expect(xml).toContain('tb:department="消防救援支队"');
    const back = await moddle.fromXML(xml);
    expect(back.warnings).toEqual([]);
    expect(back.elementsById.T?.get('tb:department')).toBe('消防救援支队');
    expect(back.elementsById.P?.get('tb:matterCode')).toBe('X1');
  });
});
