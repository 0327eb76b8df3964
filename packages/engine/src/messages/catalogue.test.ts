import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CalendarHorizonError } from '../calendar/errors.js';
import { ExtensionCapError } from '../clock/errors.js';
import { compileBpmn } from '../validate.js';
import { isMessageCode, localize, messageCodes, messageTemplate, problemField } from './index.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (
      name.endsWith('.ts') &&
      !name.endsWith('.test.ts') &&
      !path.includes(`${join('src', 'messages')}`)
    ) {
      yield path;
    }
  }
}

/**
 * Every code the engine's source can produce, read from the source itself: the members of the
 * code unions, `readonly code` declarations of error classes, `code: '…'` literals and the codes
 * handed to the diagnostic sink and to CommandError.
 */
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  const literal = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/g;
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const block of text.matchAll(/export type (?:DiagnosticCode|CommandErrorCode) =([\s\S]*?);$/gm)) {
      for (const m of (block[1] ?? '').matchAll(literal)) codes.add(m[1] ?? '');
    }
    for (const m of text.matchAll(/readonly code(?::|\s*=)\s*([^;{]*);/g)) {
      for (const c of (m[1] ?? '').matchAll(literal)) codes.add(c[1] ?? '');
    }
    const patterns = [
      /\bcode: '([A-Z][A-Z0-9_]+)'/g,
      /sink\.(?:error|warning)\(\s*[^,]+,\s*'([A-Z][A-Z0-9_]+)'/g,
      /new CommandError\(\s*'([A-Z][A-Z0-9_]+)'/g,
      /Error\(\s*'([A-Z][A-Z0-9_]+)'/g,
    ];
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) codes.add(m[1] ?? '');
  }
  codes.delete('');
  return codes;
}

describe('message catalogues', () => {
  const found = codesInSource();

  it('reads a plausible set of codes from the source (the scan itself works)', () => {
    for (const code of [
      'MISSING_DEPARTMENT',
      'TASK_NOT_OPEN',
      'CALENDAR_HORIZON',
      'UNKNOWN_CASE',
      'STAGE_LEADS',
    ]) {
      expect(found).toContain(code);
    }
    expect(found.size).toBeGreaterThan(70);
  });

  it('has a zh-CN and an en entry for every diagnostic and error code the engine can produce', () => {
    const missing = [...found].filter((code) => !isMessageCode(code));
    expect(missing).toEqual([]);
    for (const code of messageCodes()) {
      expect(messageTemplate(code, 'zh-CN').trim()).not.toBe('');
      expect(messageTemplate(code, 'en').trim()).not.toBe('');
      // Chinese entries are Chinese: no English sentence leaks through.
      expect(messageTemplate(code, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('uses the same parameters in both languages', () => {
    const params = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of messageCodes()) {
      expect(params(messageTemplate(code, 'en')), code).toEqual(params(messageTemplate(code, 'zh-CN')));
    }
  });

  it('localizes a diagnostic with its element and panel field, and an error with its own fields', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tb="https://tongban.dev/schema/bpmn/1.0" id="D" targetNamespace="t">
  <bpmn:process id="P" isExecutable="true">
    <bpmn:startEvent id="S"/><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="T"/>
    <bpmn:userTask id="T" name="受理"/><bpmn:sequenceFlow id="f2" sourceRef="T" targetRef="E"/>
    <bpmn:endEvent id="E"/>
  </bpmn:process>
</bpmn:definitions>`;
    const result = await compileBpmn(xml);
    const missing = result.diagnostics.find((d) => d.code === 'MISSING_DEPARTMENT');
    expect(missing).toBeDefined();
    if (!missing) return;
    expect(problemField(missing)).toBe('department');
    expect(localize(missing, 'zh-CN', { describe: () => '受理' })).toBe(
      '受理：没有指定办理部门。请在属性面板“办理部门”中选择，或把任务放进以部门命名的泳道。',
    );
    expect(localize(missing, 'en')).toContain('"T": no department');

    const horizon = new CalendarHorizonError('CN', 2004, 2026, '2027-01-04');
    const zh = localize(horizon, 'zh-CN');
    expect(zh).toContain('2004–2026');
    expect(zh).toContain('2027-01-04');
    expect(zh).not.toMatch(/CALENDAR_HORIZON|[A-Za-z]{4,}/);
    expect(localize(new ExtensionCapError(10, 5, 8), 'en')).toContain('cap of 10');
    expect(localize({ code: 'DATA_DIR_LOCKED', message: 'locked' }, 'zh-CN')).toBe('locked');
  });

  it('leaves out an optional part whose parameter is missing, and reads without an element', () => {
    expect(localize({ code: 'NO_CASE' }, 'zh-CN')).toBe('没有这个办件。');
    expect(localize({ code: 'NO_CASE', caseId: 'c-1' }, 'zh-CN')).toBe('没有这个办件（c-1）。');
    expect(localize({ code: 'LIMIT_EXCEEDED', elementId: null }, 'en')).toMatch(/^the model/);
  });
});
