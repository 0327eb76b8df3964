import type { ModdleElement } from 'bpmn-moddle';
import type { ImportContext } from './import-context.js';
import { tbModdleDescriptor } from './tb-moddle.js';
import { xmlName } from './unsupported.js';

/** Tongban attribute names by the BPMN type that takes them, from the moddle descriptor. */
const DESCRIBED: ReadonlyMap<string, readonly string[]> = new Map(
  tbModdleDescriptor.types.flatMap((type) =>
    type.extends.map((extended) => [extended, type.properties.map((property) => property.name)] as const),
  ),
);

/**
 * Plus the types read as user or service tasks (docs/standard-bpmn.md): their tb: attributes are
 * read from `$attrs`, as the descriptor (shared with bpmn-js) does not extend them.
 */
const KNOWN_ATTRIBUTES: ReadonlyMap<string, readonly string[]> = new Map([
  ...DESCRIBED,
  ['bpmn:Task', DESCRIBED.get('bpmn:UserTask') ?? []],
  ['bpmn:ManualTask', DESCRIBED.get('bpmn:UserTask') ?? []],
  ['bpmn:SendTask', DESCRIBED.get('bpmn:ServiceTask') ?? []],
  ['bpmn:BusinessRuleTask', DESCRIBED.get('bpmn:ServiceTask') ?? []],
]);

/**
 * Warns about `tb:` attributes moddle did not recognise (a typo, or an attribute on the wrong
 * element): they would otherwise be ignored without a word.
 */
export function checkTbAttributes(element: ModdleElement, ownerId: string, context: ImportContext): void {
  for (const key of Object.keys(element.$attrs)) {
    const [prefix, local] = key.split(':');
    if (local === undefined || prefix !== context.tbPrefix) continue;
    const known = KNOWN_ATTRIBUTES.get(element.$type) ?? [];
    if (known.includes(local)) continue;
    const takes =
      known.length === 0
        ? 'it takes no tb: attributes'
        : `it takes ${known.map((name) => `tb:${name}`).join(', ')}`;
    context.sink.warning(
      ownerId,
      'UNSUPPORTED_ATTRIBUTE',
      `tb:${local} is not a Tongban attribute of a ${xmlName(element.$type)} and is ignored; ${takes}.`,
    );
  }
}
