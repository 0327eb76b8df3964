import type { ModdleElement, ModdleWarning } from 'bpmn-moddle';

/**
 * moddle-xml accepts only ASCII ids (this pattern, from its reader) and skips any element whose id
 * fails it, with a warning. XML itself allows `id="消防审查"`, and models from Chinese tools use such
 * ids, so before parsing, each such id and every attribute value or element text that is exactly
 * that id (its references) is replaced by an ASCII alias; after parsing, every alias is turned back.
 */
const MODDLE_ID = /^([a-z][\w\-.]*:)?[a-z_][\w\-.]*$/i;

const ID_ATTRIBUTE = /\sid\s*=\s*(?:"([^"<&]*)"|'([^'<&]*)')/g;
/** A quoted attribute value, or the text between two tags. */
const VALUE_OR_TEXT = /(=\s*)(?:"([^"]*)"|'([^']*)')|(>)(\s*)([^<]*?)(\s*)(?=<)/g;

export interface AliasedXml {
  readonly xml: string;
  /** Original id by alias; empty when no id needed one. */
  readonly originals: ReadonlyMap<string, string>;
  /** What every alias starts with (it occurs nowhere in the original document). */
  readonly prefix: string;
  /** Matches every alias in a string; null when there are none. */
  readonly pattern: RegExp | null;
}

/** A prefix that occurs nowhere in the document, so every occurrence of it after parsing is ours. */
function freshPrefix(xml: string): string {
  let prefix = '_tbid';
  while (xml.includes(prefix)) prefix += 'x';
  return prefix;
}

/** Replaces ids moddle would refuse (and exact references to them) by ASCII aliases. */
export function aliasIds(xml: string): AliasedXml {
  const refused = new Set<string>();
  for (const match of xml.matchAll(ID_ATTRIBUTE)) {
    const id = match[1] ?? match[2] ?? '';
    if (id.trim() !== '' && !MODDLE_ID.test(id)) refused.add(id);
  }
  if (refused.size === 0) return { xml, originals: new Map(), prefix: '', pattern: null };
  const prefix = freshPrefix(xml);
  const aliases = new Map<string, string>();
  const originals = new Map<string, string>();
  for (const id of refused) {
    // A trailing `_` ends the alias, so `_tbid1_` never matches inside `_tbid12_`.
    const alias = `${prefix}${aliases.size}_`;
    aliases.set(id, alias);
    originals.set(alias, id);
  }
  const aliased = xml.replace(
    VALUE_OR_TEXT,
    (
      whole,
      eq?: string,
      dq?: string,
      sq?: string,
      gt?: string,
      lead?: string,
      text?: string,
      trail?: string,
    ) => {
      if (eq !== undefined) {
        const value = dq ?? sq ?? '';
        const alias = aliases.get(value);
        if (alias === undefined) return whole;
        const quote = dq === undefined ? "'" : '"';
        return `${eq}${quote}${alias}${quote}`;
      }
      const alias = aliases.get(text ?? '');
      return alias === undefined ? whole : `${gt}${lead}${alias}${trail}`;
    },
  );
  return { xml: aliased, originals, prefix, pattern: new RegExp(`${prefix}\\d+_`, 'g') };
}

function restore(text: string, aliased: AliasedXml): string {
  if (aliased.pattern === null || !text.includes(aliased.prefix)) return text;
  return text.replace(aliased.pattern, (alias) => aliased.originals.get(alias) ?? alias);
}

function isElement(value: unknown): value is ModdleElement {
  return (
    typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string'
  );
}

/**
 * Turns every alias in the parsed tree (ids, names, references, `$attrs`) and in the warnings back
 * into the original id. Iterative: documents may nest deeply.
 */
export function restoreIds(
  root: ModdleElement,
  warnings: readonly ModdleWarning[],
  aliased: AliasedXml,
): ModdleWarning[] {
  if (aliased.pattern === null) return [...warnings];
  const seen = new Set<ModdleElement>();
  const pending: ModdleElement[] = [root];
  for (let element = pending.pop(); element !== undefined; element = pending.pop()) {
    if (seen.has(element)) continue;
    seen.add(element);
    const record = element as unknown as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === '$type') continue;
      const value = record[key];
      if (typeof value === 'string') record[key] = restore(value, aliased);
      else if (isElement(value)) pending.push(value);
      else if (Array.isArray(value)) {
        value.forEach((item: unknown, index) => {
          if (typeof item === 'string') value[index] = restore(item, aliased);
          else if (isElement(item)) pending.push(item);
        });
      }
    }
    // Generic elements (unknown namespaces) may have no $attrs.
    const attrs = element.$attrs as Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(attrs ?? {})) {
      if (typeof value === 'string' && attrs !== undefined) attrs[key] = restore(value, aliased);
    }
  }
  return warnings.map((warning) => ({
    ...warning,
    message: restore(warning.message, aliased),
    ...(typeof warning.value === 'string' ? { value: restore(warning.value, aliased) } : {}),
  }));
}
