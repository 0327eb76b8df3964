import type { ModdleElement } from 'bpmn-moddle';

/** Typed reads of moddle elements, whose properties are untyped at runtime. */

export function isType(element: ModdleElement | undefined, type: string): boolean {
  return element?.$type === type;
}

export function readString(element: ModdleElement, property: string): string | null {
  const value = element.get(property);
  return typeof value === 'string' ? value : null;
}

/** A string property with surrounding whitespace removed; blank counts as absent. */
export function readText(element: ModdleElement, property: string): string | null {
  const value = readString(element, property)?.trim();
  return value === undefined || value === '' ? null : value;
}

export function readBoolean(element: ModdleElement, property: string): boolean | null {
  const value = element.get(property);
  return typeof value === 'boolean' ? value : null;
}

export function readElement(element: ModdleElement, property: string): ModdleElement | null {
  const value = element.get(property);
  return isModdleElement(value) ? value : null;
}

export function readList(element: ModdleElement, property: string): ModdleElement[] {
  const value = element.get(property);
  return Array.isArray(value) ? value.filter(isModdleElement) : [];
}

export function elementId(element: ModdleElement): string | null {
  return readText(element, 'id');
}

function isModdleElement(value: unknown): value is ModdleElement {
  return (
    typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string'
  );
}
