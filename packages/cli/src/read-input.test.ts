import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../test/support/cli.js';

/** The documented cap (docs/commands.md). */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;

afterEach(() => {
  process.exitCode = undefined;
});

const dir = mkdtempSync(join(tmpdir(), 'tongban-input-'));
const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const TB = 'https://tongban.dev/schema/bpmn/tb/1.0';

function model(department: string, declaration = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${declaration}
<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:tb="${TB}" id="D" targetNamespace="x">
  <bpmn:process id="P" isExecutable="true"><bpmn:startEvent id="S"/><bpmn:userTask id="T" tb:department="${department}"/><bpmn:endEvent id="E"/>
  <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/><bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/></bpmn:process>
</bpmn:definitions>`;
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Finding 12 (CLI side): what `tongban validate` reads. */
describe('tongban validate reads files safely', () => {
  it('refuses invalid UTF-8 with BAD_ENCODING and the line, instead of a department named U+FFFD', async () => {
    const text = model('住建局', '<?xml version="1.0" encoding="GBK"?>');
    const [before, after] = text.split('住建局') as [string, string];
    // 住建 in GBK: what a file saved by a GBK editor holds.
    const gbk = new Uint8Array([...Buffer.from(before), 0xd7, 0xa1, 0xbd, 0xa8, ...Buffer.from(after)]);
    const run = await cli('validate', '--lang', 'en', file('gbk.bpmn', gbk));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^- BAD_ENCODING The file is not valid UTF-8: byte 0x[0-9A-F]{2} at line 3 .*encoding="GBK"/,
    );
  });

  it('reads UTF-16 with a byte order mark', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(model('住建局', '<?xml version="1.0" encoding="UTF-16"?>'), 'utf16le'),
    ]);
    const path = file('utf16.bpmn', utf16);
    const run = await cli('validate', path);
    // It decodes and compiles, like the same model in UTF-8.
    expect(run).toEqual({ code: 0, stdout: `ok: ${path} — process P, 1 task, 1 department\n`, stderr: '' });
  });

  it('refuses a device without reading it', async () => {
    const run = await cli('validate', '/dev/zero');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not a regular file');
  });

  it('refuses a file over the cap', async () => {
    const big = file('big.bpmn', Buffer.alloc(MAX_INPUT_BYTES + 1, 0x20));
    const run = await cli('validate', big);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('larger than 16777216 bytes');
  });
});

/** Finding 13 (deadline part): arithmetic past 9999-12-31 printed a stack trace. */
describe('tongban deadline at the end of the calendar', () => {
  it('exits 2 with a message, not a stack trace', async () => {
    const run = await cli('deadline', '--from', '9999-12-31', '--natural-days', '1');
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^tongban: the answer falls outside the years 0001–9999/),
    });
  });
});
