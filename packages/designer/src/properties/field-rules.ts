import type { TimeUnit } from '@tongban/engine';
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

/** Empty inputs remove the attribute instead of writing `attr=""` into the XML. */
export function attributeValue(value: string): string | undefined {
  const text = value.trim();
  return text === '' ? undefined : text;
}
