import type { ModdleElement, ModdleWarning } from 'bpmn-moddle';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { elementId, readElement, readText } from './moddle-read.js';

/** State shared by the readers while one document is imported. */
export interface ImportContext {
  readonly sink: DiagnosticSink;
  /** Message names by BPMN message id, for the messages the chosen process uses. */
  readonly messages: Record<string, string>;
  readonly unresolved: UnresolvedReferences;
  /** The prefix the document binds to the Tongban namespace (normally `tb`), null when unbound. */
  readonly tbPrefix: string | null;
  /** The innermost lane of each flow node in one (a lane names the department of its tasks). */
  readonly lanes: ReadonlyMap<ModdleElement, ModdleElement>;
}

/** One reference moddle could not resolve. */
export interface UnresolvedReference {
  readonly element: ModdleElement;
  /** The property without prefix, e.g. `targetRef`. */
  readonly property: string;
  /** The id it named. */
  readonly id: string;
}

/** References moddle could not resolve (e.g. `targetRef="Task_9"` with no Task_9), by element. */
export class UnresolvedReferences {
  private readonly byElement = new Map<ModdleElement, Map<string, UnresolvedReference>>();
  private readonly all: UnresolvedReference[] = [];
  private readonly asked = new Set<UnresolvedReference>();

  record(warning: ModdleWarning): boolean {
    if (!warning.message.startsWith('unresolved reference') || warning.element === undefined) return false;
    const property = (warning.property ?? '').replace(/^.*:/, '');
    const properties = this.byElement.get(warning.element) ?? new Map<string, UnresolvedReference>();
    const reference = { element: warning.element, property, id: String(warning.value) };
    properties.set(property, reference);
    this.byElement.set(warning.element, properties);
    this.all.push(reference);
    return true;
  }

  /** The id an element's reference property named but that does not exist, if any. */
  target(element: ModdleElement, property: string): string | null {
    const reference = this.byElement.get(element)?.get(property);
    if (reference === undefined) return null;
    this.asked.add(reference);
    return reference.id;
  }

  /** References no reader asked about (so none reported), in document order. */
  unread(): UnresolvedReference[] {
    return this.all.filter((reference) => !this.asked.has(reference));
  }
}

/** A reference property: the element it points at, or why it does not resolve. */
export function readReference(
  context: ImportContext,
  element: ModdleElement,
  property: string,
): { readonly element: ModdleElement } | { readonly element: null; readonly dangling: string | null } {
  const target = readElement(element, property);
  return target === null
    ? { element: null, dangling: context.unresolved.target(element, property) }
    : { element: target };
}

/**
 * The message name an event waits for, registering it in the model's message table; null (after a
 * `MISSING_MESSAGE` error) when the event names no declared message.
 */
export function readMessageName(
  context: ImportContext,
  definition: ModdleElement,
  eventId: string,
): string | null {
  const reference = readReference(context, definition, 'messageRef');
  if (reference.element === null) {
    const problem =
      reference.dangling === null
        ? 'has no messageRef'
        : `refers to message "${reference.dangling}", which is not declared`;
    context.sink.error(
      eventId,
      'MISSING_MESSAGE',
      `The message event ${problem}; declare <bpmn:message id="…" name="补正材料"/> and set messageRef to its id.`,
    );
    return null;
  }
  const id = elementId(reference.element) ?? '';
  const name = readText(reference.element, 'name') ?? id;
  context.messages[id] = name;
  return name;
}

/**
 * The error code an error event raises or catches: the error's `errorCode`, else its id (so that
 * events referring to the same bpmn:error match); null when no error is referenced.
 */
export function readErrorCode(
  context: ImportContext,
  definition: ModdleElement,
  eventId: string,
): string | null {
  const reference = readReference(context, definition, 'errorRef');
  if (reference.element === null) {
    if (reference.dangling !== null) {
      context.sink.warning(
        eventId,
        'MISSING_TARGET',
        `The error event refers to error "${reference.dangling}", which is not declared; it is treated as any error.`,
      );
    }
    return null;
  }
  return readText(reference.element, 'errorCode') ?? elementId(reference.element);
}
