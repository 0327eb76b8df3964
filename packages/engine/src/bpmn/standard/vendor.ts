import type { ModdleElement } from 'bpmn-moddle';

/**
 * Camunda 7, Flowable and Activiti write their extensions as attributes in their own namespaces.
 * Tongban loads no descriptor for them (it runs none of their semantics): moddle keeps such
 * attributes in `$attrs` under the prefix the document chose, so they are found by namespace URI.
 */
export const VENDOR_NAMESPACES: Readonly<Record<string, Vendor>> = {
  'http://camunda.org/schema/1.0/bpmn': 'camunda',
  'http://flowable.org/bpmn': 'flowable',
  'http://activiti.org/bpmn': 'activiti',
};

export type Vendor = 'camunda' | 'flowable' | 'activiti' | 'zeebe';

/** One vendor attribute as written: `attribute` is `camunda:candidateGroups` whatever the prefix. */
export interface VendorValue {
  readonly vendor: Vendor;
  readonly attribute: string;
  readonly value: string;
}

/** The namespace URI `prefix` is bound to at `element` (declarations may sit on any ancestor). */
function namespaceOf(element: ModdleElement, prefix: string): string | null {
  for (let at: ModdleElement | undefined = element; at !== undefined; at = at.$parent) {
    const uri = at.$attrs?.[`xmlns:${prefix}`];
    if (uri !== undefined) return uri;
  }
  return null;
}

/**
 * The vendor attribute `local` (e.g. `candidateGroups`) of `element`, trimmed, blank as absent;
 * with several vendors' on one element, the first in document order.
 */
export function readVendorAttribute(element: ModdleElement, local: string): VendorValue | null {
  for (const [key, raw] of Object.entries(element.$attrs ?? {})) {
    const colon = key.indexOf(':');
    if (colon < 0 || key.slice(colon + 1) !== local || key.startsWith('xmlns:')) continue;
    const uri = namespaceOf(element, key.slice(0, colon));
    const vendor = uri === null ? undefined : VENDOR_NAMESPACES[uri];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (vendor !== undefined && value !== '') return { vendor, attribute: `${vendor}:${local}`, value };
  }
  return typedVendorAttribute(element, local);
}

/**
 * A host that parsed the document with a vendor's moddle descriptor (bpmn-js with
 * camunda-bpmn-moddle) has the attribute as a typed property, not in `$attrs`.
 */
function typedVendorAttribute(element: ModdleElement, local: string): VendorValue | null {
  for (const vendor of ['camunda', 'flowable', 'activiti'] as const) {
    const name = `${vendor}:${local}`;
    if (element.$attrs?.[name] !== undefined) continue;
    const value = element.get(name);
    if (typeof value === 'string' && value.trim() !== '')
      return { vendor, attribute: name, value: value.trim() };
  }
  return null;
}

/** The first of `locals` the element has, in the order given. */
export function readFirstVendorAttribute(
  element: ModdleElement,
  locals: readonly string[],
): VendorValue | null {
  for (const local of locals) {
    const found = readVendorAttribute(element, local);
    if (found !== null) return found;
  }
  return null;
}

/**
 * An expression the vendor engine evaluates at run time: JUEL `${name}` / `#{name}`, or a Camunda 8
 * FEEL expression (`=assignee`).
 */
export function isExpression(value: string): boolean {
  return /[$#]\{/.test(value) || value.trim().startsWith('=');
}

/** Camunda 8 (Zeebe) writes its extensions as elements inside `bpmn:extensionElements`. */
export const ZEEBE_NAMESPACE = 'http://camunda.org/schema/zeebe/1.0';

/**
 * The attribute `property` of the Zeebe extension element `local` (e.g. `taskDefinition`) of
 * `element`, as `zeebe:taskDefinition type`; null when absent or blank. Moddle keeps unknown
 * extension elements as generic objects with their attributes as plain properties.
 */
export function readZeebeExtension(
  element: ModdleElement,
  local: string,
  property: string,
): VendorValue | null {
  const extensions = element.get('extensionElements');
  const values = (extensions as { values?: unknown } | null | undefined)?.values;
  if (!Array.isArray(values)) return null;
  for (const value of values as unknown[]) {
    const type = (value as { $type?: unknown } | null)?.$type;
    if (typeof type !== 'string' || !type.endsWith(`:${local}`)) continue;
    if (namespaceOf(element, type.slice(0, type.indexOf(':'))) !== ZEEBE_NAMESPACE) continue;
    const raw = (value as Record<string, unknown>)[property];
    if (typeof raw === 'string' && raw.trim() !== '') {
      return { vendor: 'zeebe', attribute: `zeebe:${local} ${property}`, value: raw.trim() };
    }
  }
  return null;
}

/** The text inside `${…}` / `#{…}`, or null when `value` is not one whole expression. */
export function expressionBody(value: string): string | null {
  const match = /^[$#]\{([\s\S]*)\}$/.exec(value.trim());
  return match?.[1]?.trim() ?? null;
}
