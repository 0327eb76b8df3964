import { describe, expect, it } from 'vitest';
import {
  attributeValue,
  checkHandlers,
  checkOfficeHours,
  checkPassRatio,
  checkWarning,
  checkWholeNumber,
  halfWidthDigits,
  TIME_UNITS,
} from './field-rules.js';

describe('properties field rules', () => {
  it('accepts whole numbers (or nothing) for limits', () => {
    for (const ok of ['', ' ', '0', '20', ' 15 ']) expect(checkWholeNumber(ok), ok).toBeNull();
    for (const bad of ['-1', '二十', '20天']) expect(checkWholeNumber(bad), bad).toBe('field.notNumber');
  });

  it('accepts a number or a share below 100% as a warning threshold', () => {
    for (const ok of ['', '1', '0.5', '20%', '12.5%']) expect(checkWarning(ok), ok).toBeNull();
    for (const bad of ['0%', '100%', '120%', '-1', 'a', '%'])
      expect(checkWarning(bad), bad).toBe('field.badWarning');
  });

  it('accepts office hours the importer accepts, and nothing else', () => {
    for (const ok of ['', '09:00-12:00,13:30-17:30', '08:30-12:00, 14:00-18:00', '00:00-23:59'])
      expect(checkOfficeHours(ok), ok).toBeNull();
    for (const bad of ['9-12', '12:00-09:00', '09:00-12:00,11:00-13:00', '24:00-25:00', '上午'])
      expect(checkOfficeHours(bad), bad).toBe('field.badOfficeHours');
  });

  it('accepts handler lists the importer accepts', () => {
    for (const ok of ['', '张三', '张三,李四', '张三:2、李四：1.5；王五', ' 张三 , '])
      expect(checkHandlers(ok), ok).toBeNull();
    for (const bad of ['张三:0', '张三:-1', '张三:x', ':2', '张三,张三'])
      expect(checkHandlers(bad), bad).toBe('field.badHandlers');
  });

  it('accepts a pass ratio above 0 and at most 1, or as a percentage', () => {
    for (const ok of ['', '0.5', '1', '67%', '100%']) expect(checkPassRatio(ok), ok).toBeNull();
    for (const bad of ['0', '1.5', '0%', '120%', 'half', '-0.5'])
      expect(checkPassRatio(bad), bad).toBe('field.badPassRatio');
  });

  it('removes the attribute for an empty field', () => {
    expect(attributeValue('  ')).toBeUndefined();
    expect(attributeValue(' 20 ')).toBe('20');
  });

  it('offers the engine time units', () => {
    expect(TIME_UNITS).toEqual(['workingDays', 'naturalDays', 'hours', 'workingHours']);
  });
});

describe('time-limit entry', () => {
  it('accepts full-width digits and hints at working hours for a fraction', () => {
    expect(halfWidthDigits('２')).toBe('2');
    expect(checkWholeNumber('２')).toBeNull();
    expect(checkWholeNumber('１５')).toBeNull();
    expect(checkWholeNumber('0.5')).toBe('field.fraction');
    expect(checkWholeNumber('０．５')).toBe('field.fraction');
    expect(checkWholeNumber('abc')).toBe('field.notNumber');
  });
});
