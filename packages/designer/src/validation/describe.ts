import type { Element } from 'bpmn-js/lib/model/Types.js';

interface ElementRegistry {
  get(id: string): Element | undefined;
}

const nameOf = (element: Element | undefined): string | null => {
  const name = (element?.businessObject as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
};

/**
 * How a problem names an element: its name; an unnamed flow by its ends (受理 → 审查), since a raw
 * id such as Flow_0x1k9 says nothing to a designer; otherwise the id.
 */
export function describeElement(registry: ElementRegistry, id: string): string {
  const element = registry.get(id);
  const own = nameOf(element);
  if (own !== null) return own;
  const flow = element as (Element & { source?: Element; target?: Element }) | undefined;
  if (flow?.source || flow?.target) {
    const end = (e: Element | undefined) => (e ? (nameOf(e) ?? e.id) : '?');
    return `${end(flow.source)} → ${end(flow.target)}`;
  }
  return id;
}
