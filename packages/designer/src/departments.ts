import { TongbanError } from '@tongban/engine';

/** One department (部门) a task can be assigned to. The code is what the BPMN stores. */
export interface Department {
  readonly code: string;
  readonly name: string;
  readonly shortName?: string;
  readonly nameEn?: string;
}

/** A region's department directory, loaded from JSON (`public/departments.json` or the user's file). */
export interface DepartmentDirectory {
  readonly region: string | null;
  readonly departments: readonly Department[];
}

/** The directory JSON does not have the expected shape; the message says which entry is wrong. */
export class BadDepartmentDirectoryError extends TongbanError {
  readonly code = 'BAD_DEPARTMENT_DIRECTORY';
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadDepartmentDirectoryError(`${where} must be a string`);
  return value;
}

/**
 * Reads a department directory from parsed JSON. Accepts `{ region?, departments: [...] }` or a bare
 * array of departments; every entry needs a non-empty `code` and `name`, and codes must be unique.
 */
export function parseDepartmentDirectory(json: unknown): DepartmentDirectory {
  const root = Array.isArray(json) ? { departments: json } : json;
  if (typeof root !== 'object' || root === null || !('departments' in root)) {
    throw new BadDepartmentDirectoryError('a department directory needs a "departments" array');
  }
  const list: unknown = root.departments;
  if (!Array.isArray(list)) throw new BadDepartmentDirectoryError('"departments" must be an array');
  const seen = new Set<string>();
  const departments = list.map((entry: unknown, index): Department => {
    const where = `departments[${index}]`;
    if (typeof entry !== 'object' || entry === null) {
      throw new BadDepartmentDirectoryError(`${where} must be an object with code and name`);
    }
    const record = entry as Record<string, unknown>;
    const code = optionalString(record.code, `${where}.code`)?.trim();
    const name = optionalString(record.name, `${where}.name`)?.trim();
    if (!code) throw new BadDepartmentDirectoryError(`${where} has no code`);
    if (!name) throw new BadDepartmentDirectoryError(`${where} (${code}) has no name`);
    if (code.includes(','))
      throw new BadDepartmentDirectoryError(`${where}.code "${code}" must not contain a comma`);
    if (seen.has(code)) throw new BadDepartmentDirectoryError(`department code "${code}" appears twice`);
    seen.add(code);
    const shortName = optionalString(record.shortName, `${where}.shortName`);
    const nameEn = optionalString(record.nameEn, `${where}.nameEn`);
    return {
      code,
      name,
      ...(shortName === undefined ? {} : { shortName }),
      ...(nameEn === undefined ? {} : { nameEn }),
    };
  });
  const region = 'region' in root ? optionalString(root.region, 'region') : undefined;
  return { region: region ?? null, departments };
}

/** The label a person sees for a department code: its name in the language, or the bare code. */
export function departmentLabel(directory: DepartmentDirectory, code: string, language: 'zh' | 'en'): string {
  const found = directory.departments.find((d) => d.code === code);
  if (!found) return code;
  return language === 'en' && found.nameEn ? found.nameEn : found.name;
}

/** Splits a `tb:departments` list (comma-separated codes, Chinese or ASCII commas) into codes. */
export function splitDepartmentList(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[,，、]/)
    .map((code) => code.trim())
    .filter((code) => code.length > 0);
}

/** Codes in `codes` that the directory does not know. */
export function unknownDepartments(directory: DepartmentDirectory, codes: readonly string[]): string[] {
  const known = new Set(directory.departments.map((d) => d.code));
  return codes.filter((code) => !known.has(code));
}
