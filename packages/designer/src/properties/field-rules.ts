import type { TimeUnit } from '@tongban/engine';
import { parseOfficeHours } from '@tongban/engine/clock';
import { parseHandlers, parsePassRatio } from '@tongban/engine/internal';
import type { MessageKey } from '../i18n/messages.js';

/** Units a limit can be given in, in the order the select shows them. */
export const TIME_UNITS: readonly TimeUnit[] = ['workingDays', 'naturalDays', 'hours', 'workingHours'];

export function unitMessageKey(unit: TimeUnit): MessageKey {
  return `unit.${unit}`;
}

/**
 * Full-width digits and the full-width point (typed with a Chinese input method: ２、１．５) as
 * ASCII, so that ２ is read as 2.
 */
export function halfWidthDigits(value: string): string {
  return value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
}

/**
 * A limit or cap field: empty (no limit) or a whole number, zero or more (full-width digits
 * accepted). A fraction such as 0.5 gets a hint: the engine counts whole units, so half a working
 * day is 4 working hours.
 */
export function checkWholeNumber(value: string): MessageKey | null {
  const text = halfWidthDigits(value).trim();
  if (text === '' || /^\d+$/.test(text)) return null;
  if (/^\d*\.\d+$/.test(text)) return 'field.fraction';
  return 'field.notNumber';
}

/** A warning threshold: empty, a number in the warning unit (e.g. 1, 0.5) or a share (e.g. 20%). */
export function checkWarning(value: string): MessageKey | null {
  const text = value.trim();
  if (text === '' || /^\d+(\.\d+)?$/.test(text)) return null;
  const share = /^(\d+(\.\d+)?)%$/.exec(text);
  if (share && Number(share[1]) > 0 && Number(share[1]) < 100) return null;
  return 'field.badWarning';
}

/** Office hours (`tb:officeHours`): empty (the default hours) or what the engine's importer accepts. */
export function checkOfficeHours(value: string): MessageKey | null {
  const text = value.trim();
  if (text === '') return null;
  try {
    parseOfficeHours(text);
    return null;
  } catch {
    return 'field.badOfficeHours';
  }
}

/** Decision handlers (`tb:handlers`): empty, or what the engine's importer accepts. */
export function checkHandlers(value: string): MessageKey | null {
  return parseHandlers(value).problems.length > 0 ? 'field.badHandlers' : null;
}

/** A vote's pass ratio (`tb:passRatio`): empty, or what the engine's importer accepts. */
export function checkPassRatio(value: string): MessageKey | null {
  if (value.trim() === '') return null;
  return parsePassRatio(value) === null ? 'field.badPassRatio' : null;
}

/** Empty inputs remove the attribute instead of writing `attr=""` into the XML. */
export function attributeValue(value: string): string | undefined {
  const text = value.trim();
  return text === '' ? undefined : text;
}
