import { parseOfficeHours, type TimeUnit } from '@tongban/engine';
import type { MessageKey } from '../i18n/messages.js';

/** Units a limit can be given in, in the order the select shows them. */
export const TIME_UNITS: readonly TimeUnit[] = ['workingDays', 'naturalDays', 'hours', 'workingHours'];

export function unitMessageKey(unit: TimeUnit): MessageKey {
  return `unit.${unit}`;
}

/** A limit or cap field: empty (no limit) or a whole number, zero or more. */
export function checkWholeNumber(value: string): MessageKey | null {
  const text = value.trim();
  if (text === '' || /^\d+$/.test(text)) return null;
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

/** Handler lists and department lists share their separators (ASCII or Chinese). */
const LIST_SEPARATOR = /[,，、;；]/;

/**
 * Decision handlers (`tb:handlers`): empty, or `name` / `name:weight` entries with a weight above 0
 * and no name twice, as the engine's importer reads them.
 */
export function checkHandlers(value: string): MessageKey | null {
  const seen = new Set<string>();
  for (const part of value.split(LIST_SEPARATOR)) {
    const text = part.trim();
    if (text === '') continue;
    const colon = text.search(/[:：]/);
    const id = (colon < 0 ? text : text.slice(0, colon)).trim();
    const weight = Number(colon < 0 ? '1' : text.slice(colon + 1).trim());
    if (id === '' || !Number.isFinite(weight) || weight <= 0 || seen.has(id)) return 'field.badHandlers';
    seen.add(id);
  }
  return null;
}

/** A vote's pass ratio (`tb:passRatio`): empty, a number in (0, 1], or a percentage up to 100%. */
export function checkPassRatio(value: string): MessageKey | null {
  const text = value.trim();
  if (text === '') return null;
  const ratio = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  return Number.isFinite(ratio) && ratio > 0 && ratio <= 1 ? null : 'field.badPassRatio';
}

/** Empty inputs remove the attribute instead of writing `attr=""` into the XML. */
export function attributeValue(value: string): string | undefined {
  const text = value.trim();
  return text === '' ? undefined : text;
}
