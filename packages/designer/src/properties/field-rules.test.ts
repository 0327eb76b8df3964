import { describe, expect, it } from 'vitest';
import { attributeValue, checkWarning, checkWholeNumber, TIME_UNITS } from './field-rules.js';

describe('properties field rules', () => {
  it('accepts whole numbers (or nothing) for limits', () => {
    for (const ok of ['', ' ', '0', '20', ' 15 ']) expect(checkWholeNumber(ok), ok).toBeNull();
    for (const bad of ['-1', '1.5', '二十', '20天'])
      expect(checkWholeNumber(bad), bad).toBe('field.notNumber');
  });

  it('accepts a number or a share below 100% as a warning threshold', () => {
    for (const ok of ['', '1', '0.5', '20%', '12.5%']) expect(checkWarning(ok), ok).toBeNull();
    for (const bad of ['0%', '100%', '120%', '-1', 'a', '%'])
      expect(checkWarning(bad), bad).toBe('field.badWarning');
  });

  it('removes the attribute for an empty field', () => {
    expect(attributeValue('  ')).toBeUndefined();
    expect(attributeValue(' 20 ')).toBe('20');
  });

  it('offers the engine time units', () => {
    expect(TIME_UNITS).toEqual(['workingDays', 'naturalDays', 'hours', 'workingHours']);
  });
});
