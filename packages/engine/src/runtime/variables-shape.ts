/**
 * Names no variable may have, at any depth: assigning them to an object changes its prototype
 * (`__proto__`) or shadows what every object has, so `Object.assign` would drop them on one
 * command while a spread kept them on another, and a condition could read something that is not
 * case data.
 */
export const RESERVED_VARIABLE_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** How deep variables may nest: deeper is surely a mistake, and would cost stack to copy. */
export const MAX_VARIABLE_DEPTH = 32;

const RESERVED: ReadonlySet<string> = new Set(RESERVED_VARIABLE_NAMES);

/**
 * What is wrong with `value` as case variables, naming the field (e.g. `variables.applicant.__proto__`),
 * or null. Walks with its own stack, so a value nested 20,000 deep is refused, not a stack overflow.
 */
export function variablesProblem(value: unknown, field = 'variables'): string | null {
  if (!isPlainObject(value)) return `\`${field}\` must be an object of named JSON values`;
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: field, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: v, path, depth } = item;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `\`${path}\` must be a finite number`;
      continue;
    }
    if (depth >= MAX_VARIABLE_DEPTH) return `\`${field}\` nests deeper than ${MAX_VARIABLE_DEPTH} levels`;
    if (Array.isArray(v)) {
      v.forEach((element, i) => {
        stack.push({ value: element, path: `${path}[${i}]`, depth: depth + 1 });
      });
      continue;
    }
    if (!isPlainObject(v))
      return `\`${path}\` must be a JSON value (text, number, true/false, null, list or object)`;
    for (const key of Object.keys(v)) {
      if (RESERVED.has(key)) {
        return `\`${path}.${key}\`: "${key}" is a reserved name (${RESERVED_VARIABLE_NAMES.join(', ')}); rename the variable`;
      }
      stack.push({ value: (v as Record<string, unknown>)[key], path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
