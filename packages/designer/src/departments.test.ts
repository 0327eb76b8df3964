import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BadDepartmentDirectoryError,
  departmentLabel,
  parseDepartmentDirectory,
  splitDepartmentList,
  unknownDepartments,
} from './departments.js';

const shipped = JSON.parse(readFileSync(new URL('../public/departments.json', import.meta.url), 'utf8'));

describe('department directory', () => {
  it('reads the shipped directory of municipal departments', () => {
    const directory = parseDepartmentDirectory(shipped);
    expect(directory.region).toBe('示例市');
    expect(directory.departments.length).toBeGreaterThanOrEqual(10);
    const codes = directory.departments.map((d) => d.code);
    for (const code of [
      '住房和城乡建设局',
      '自然资源和规划局',
      '消防救援支队',
      '人民防空办公室',
      '市场监督管理局',
      '税务局',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it('accepts a bare array and keeps optional names', () => {
    const directory = parseDepartmentDirectory([{ code: 'A', name: '甲局', nameEn: 'Bureau A' }]);
    expect(directory).toEqual({
      region: null,
      departments: [{ code: 'A', name: '甲局', nameEn: 'Bureau A' }],
    });
  });

  it.each([
    [{}, /departments/],
    [{ departments: 3 }, /must be an array/],
    [[{ name: '甲局' }], /has no code/],
    [[{ code: 'A' }], /\(A\) has no name/],
    [
      [
        { code: 'A', name: '甲' },
        { code: 'A', name: '乙' },
      ],
      /appears twice/,
    ],
    [[{ code: 'A,B', name: '甲' }], /comma/],
    [[{ code: 7, name: '甲' }], /code must be a string/],
  ])('refuses %j with a message naming the problem', (json, pattern) => {
    expect(() => parseDepartmentDirectory(json)).toThrow(BadDepartmentDirectoryError);
    expect(() => parseDepartmentDirectory(json)).toThrow(pattern);
  });

  it('labels codes in the chosen language, and unknown codes as themselves', () => {
    const directory = parseDepartmentDirectory(shipped);
    expect(departmentLabel(directory, '消防救援支队', 'zh')).toBe('市消防救援支队');
    expect(departmentLabel(directory, '消防救援支队', 'en')).toBe('Fire and Rescue Detachment');
    expect(departmentLabel(directory, '不存在', 'zh')).toBe('不存在');
  });

  it('splits department lists on ASCII and Chinese commas and finds unknown codes', () => {
    expect(splitDepartmentList(' 消防救援支队，人民防空办公室、税务局,, ')).toEqual([
      '消防救援支队',
      '人民防空办公室',
      '税务局',
    ]);
    expect(splitDepartmentList(undefined)).toEqual([]);
    const directory = parseDepartmentDirectory(shipped);
    expect(unknownDepartments(directory, ['税务局', '某某局'])).toEqual(['某某局']);
  });
});
