/**
 * What the published packages promise about their dependencies: every runtime dependency runs on
 * the Node.js we declare (`engines.node` ">=20.19"), and the audit chain's canonical JSON (RFC 8785
 * JCS) hashes exactly as before, whichever version of the canonicalizer is installed: stored
 * `hash`/`prev_hash` columns must keep verifying.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChainedFields, eventHash, GENESIS_HASH } from '@tongban/adapters';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PUBLISHED = ['engine', 'adapters', 'cli'] as const;

/** The lowest Node.js version we support, as [major, minor, patch]. */
const OUR_NODE: readonly number[] = [20, 19, 0];

function versionParts(text: string): number[] {
  const parts = text.replace(/^v/, '').split('.').map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/**
 * Whether `version` satisfies an `engines.node` range of the forms dependencies use: `>=X.Y.Z`,
 * `^X.Y`, `X || Y` alternatives, `*`. An unknown form fails the test loudly rather than passing.
 */
function satisfies(version: readonly number[], range: string): boolean {
  return range.split('||').some((alternative) => {
    const text = alternative.trim();
    if (text === '*' || text === '') return true;
    const ge = /^>=\s*v?(\d+(?:\.\d+){0,2})$/.exec(text);
    if (ge) return compare(version, versionParts(ge[1]!)) >= 0;
    const caret = /^\^\s*v?(\d+(?:\.\d+){0,2})$/.exec(text);
    if (caret) {
      const low = versionParts(caret[1]!);
      return version[0] === low[0] && compare(version, low) >= 0;
    }
    throw new Error(`engines.node range not understood by this test: ${range}`);
  });
}

describe('runtime dependencies of the published packages', () => {
  it('all run on Node.js 20.19, the lowest version the packages declare', () => {
    const tooNew: string[] = [];
    for (const name of PUBLISHED) {
      const folder = join(ROOT, 'packages', name);
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
        engines?: { node?: string };
        dependencies?: Record<string, string>;
      };
      expect(manifest.engines?.node, `@tongban/${name} engines.node`).toBe('>=20.19');
      for (const dependency of Object.keys(manifest.dependencies ?? {})) {
        const installed = JSON.parse(
          readFileSync(join(folder, 'node_modules', dependency, 'package.json'), 'utf8'),
        ) as { version: string; engines?: { node?: string } };
        const range = installed.engines?.node;
        if (range !== undefined && !satisfies(OUR_NODE, range)) {
          tooNew.push(`@tongban/${name} → ${dependency}@${installed.version} needs node ${range}`);
        }
      }
    }
    expect(tooNew).toEqual([]);
  });
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The canonical text of a chained row whose payload's canonical text is `payload`. */
function canonicalRow(row: ChainedFields, payload: string): string {
  return (
    `{"at":${row.at},"caseId":${JSON.stringify(row.caseId)},"payload":${payload},` +
    `"prevHash":"${row.prevHash}","seq":${row.seq},"type":${JSON.stringify(row.type)}}`
  );
}

describe('audit chain hashes (RFC 8785 canonical JSON)', () => {
  it('hash the RFC 8785 sample data to the RFC’s canonical text (number and string forms)', () => {
    const row: ChainedFields = {
      caseId: 'rfc8785',
      seq: 3,
      type: 'x',
      at: 0,
      payload: {
        // biome-ignore lint/correctness/noPrecisionLoss: the RFC's sample input, digits as it gives them
        numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
        string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
        literals: [null, true, false],
      },
      prevHash: GENESIS_HASH,
    };
    // RFC 8785 section 3.2.2 (the expected output, byte for byte).
    const payload =
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
      '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';
    expect(eventHash(row)).toBe(sha256(canonicalRow(row, payload)));
    expect(eventHash(row)).toBe('1fca80879a7fff233218ea39ddff853e9891baef4d94e5e677c01d714a60d6c2');
  });

  it('sort keys by UTF-16 code units, as RFC 8785 section 3.2.3 shows', () => {
    const payloadValue = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const row: ChainedFields = {
      caseId: 'rfc8785-sort',
      seq: 4,
      type: 'x',
      at: 0,
      payload: payloadValue,
      prevHash: GENESIS_HASH,
    };
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'] as const;
    const payload = `{${order.map((key) => `${JSON.stringify(key)}:${JSON.stringify(payloadValue[key])}`).join(',')}}`;
    expect(eventHash(row)).toBe(sha256(canonicalRow(row, payload)));
    expect(eventHash(row)).toBe('8e9c204433662d20796c7a0e8d56ee21396733a25358d620ebacfe873a58e806');
  });

  it('keep the hashes recorded with canonicalize 5.1.0 (stored chains keep verifying)', () => {
    const rows: ChainedFields[] = [
      {
        caseId: 'SGXK-2026-0001',
        seq: 1,
        type: 'case.started',
        at: 1767225600000,
        payload: {
          variables: { projectName: '滨江路小学改扩建工程', 面积: 12500.5 },
          coDepartments: ['消防救援支队', '自然资源局'],
        },
        prevHash: GENESIS_HASH,
      },
      {
        caseId: 'c-😀',
        seq: 2,
        type: 'task.completed',
        at: 1e21,
        payload: {
          z: null,
          a: [true, false, -0, 1e-7, 0.1, 333333333.3333333, 4.5e15],
          '\u20ac': '\u0000\t"\\',
          '\r': 'x',
          é: { b: 1, a: 2 },
        },
        prevHash: 'f'.repeat(64),
      },
    ];
    expect(rows.map(eventHash)).toEqual([
      'e5bbee172543ff2bce711a654a5b38d4e106ac80250008dae8cfc1f339ec704c',
      'a536fcf412619d092e285e5a8f63cff3846baf279a19effb3ba27b781b7e8aa3',
    ]);
  });
});
