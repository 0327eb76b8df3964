import type { ModdleElement } from 'bpmn-moddle';
import { type OfficeHours, parseOfficeHours } from '../clock/working-hours.js';
import type { MatterInfo, MatterKind } from '../model/process.js';
import type { ImportContext } from './import-context.js';
import { readString, readText } from './moddle-read.js';
import { checkWarningWithinLimit, exceeds, parseTimeLimit, parseWarning } from './time-attributes.js';

const MATTER_ATTRIBUTES = [
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
] as const;
const KINDS: readonly MatterKind[] = ['immediate', 'promised'];

/** `{ [key]: value }` when the value is set, `{}` otherwise (optional IR fields stay absent). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function readKind(process: ModdleElement, processId: string, context: ImportContext): MatterKind | null {
  const raw = readText(process, 'tb:matterKind');
  if (raw === null) return null;
  const kind = KINDS.find((candidate) => candidate === raw);
  if (kind === undefined) {
    context.sink.error(
      processId,
      'BAD_MATTER',
      `tb:matterKind="${raw}" is not a kind; use "promised" (承诺件) or "immediate" (即办件).`,
    );
  }
  return kind ?? null;
}

function readExtensionCap(process: ModdleElement, processId: string, context: ImportContext): number | null {
  const raw = readText(process, 'tb:extensionCap');
  if (raw === null) return null;
  if (/^\d+$/.test(raw)) return Number(raw);
  context.sink.error(
    processId,
    'BAD_MATTER',
    `tb:extensionCap="${raw}" is not a whole number of working days; write e.g. "10" (行政许可法 Art. 42 ¶1) or "15" (¶2).`,
  );
  return null;
}

/** Reads an enumerated `tb:` attribute; a value outside `allowed` is a BAD_MATTER error. */
function readChoice<T extends string>(
  process: ModdleElement,
  processId: string,
  attribute: string,
  allowed: readonly T[],
  context: ImportContext,
): T | undefined {
  const raw = readText(process, `tb:${attribute}`);
  if (raw === null) return undefined;
  const value = allowed.find((candidate) => candidate === raw);
  if (value === undefined) {
    context.sink.error(
      processId,
      'BAD_MATTER',
      `tb:${attribute}="${raw}" is not one of ${allowed.map((a) => `"${a}"`).join(', ')}.`,
    );
  }
  return value;
}

function readOfficeHours(
  process: ModdleElement,
  processId: string,
  context: ImportContext,
): OfficeHours[] | undefined {
  const raw = readText(process, 'tb:officeHours');
  if (raw === null) return undefined;
  try {
    return parseOfficeHours(raw);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    context.sink.error(
      processId,
      'BAD_MATTER',
      `tb:officeHours="${raw}": ${why} Write e.g. "09:00-12:00,13:30-17:30".`,
    );
    return undefined;
  }
}

/** Reads the matter (事项) from the process's `tb:` attributes; null when it has none. */
export function readMatter(
  process: ModdleElement,
  processId: string,
  context: ImportContext,
): MatterInfo | null {
  if (MATTER_ATTRIBUTES.every((name) => readString(process, `tb:${name}`) === null)) return null;
  const site = (attribute: string) => ({ elementId: processId, attribute, sink: context.sink });
  const limit = (name: 'legalLimit' | 'promisedLimit') =>
    parseTimeLimit(readText(process, `tb:${name}`), readText(process, `tb:${name}Unit`), site(name));
  const legalLimit = limit('legalLimit');
  const promisedLimit = limit('promisedLimit');
  const kind = readKind(process, processId, context);
  if (legalLimit !== null && promisedLimit !== null && exceeds(promisedLimit, legalLimit)) {
    context.sink.error(
      processId,
      'BAD_MATTER',
      `The promised limit (${promisedLimit.amount} ${promisedLimit.unit}) exceeds the legal limit (${legalLimit.amount} ${legalLimit.unit}); a promise may only be shorter.`,
    );
  }
  if (kind === 'promised' && legalLimit === null && promisedLimit === null) {
    context.sink.warning(
      processId,
      'BAD_MATTER',
      'A promised matter (承诺件) needs a time limit: set tb:promisedLimit (and tb:legalLimit).',
    );
  }
  const warning = parseWarning(
    readText(process, 'tb:warning'),
    readText(process, 'tb:warningUnit'),
    site('warning'),
  );
  // The case clock runs against the promised limit when there is one, else the legal limit.
  checkWarningWithinLimit(warning, promisedLimit ?? legalLimit, site('warning'));
  return {
    code: readText(process, 'tb:matterCode'),
    name: readText(process, 'tb:matterName'),
    kind,
    legalLimit,
    promisedLimit,
    warning,
    extensionCap: readExtensionCap(process, processId, context),
    calendar: readText(process, 'tb:calendar'),
    ...optional(
      'rejectMode',
      readChoice(process, processId, 'rejectMode', ['veto', 'collect'] as const, context),
    ),
    ...optional('officeHours', readOfficeHours(process, processId, context)),
    ...optional(
      'supplementMode',
      readChoice(process, processId, 'supplementMode', ['requester', 'all'] as const, context),
    ),
  };
}
