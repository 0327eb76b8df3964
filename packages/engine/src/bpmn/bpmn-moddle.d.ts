/**
 * bpmn-moddle 10 ships element types under `bpmn-moddle/types` but none for its main entry, so the
 * importer declares the small surface it uses. Elements are read structurally (see `moddle-read.ts`).
 */
declare module 'bpmn-moddle' {
  /** A parsed element: typed properties by local name, unknown attributes in `$attrs`. */
  export interface ModdleElement {
    readonly $type: string;
    readonly $attrs: Readonly<Record<string, string>>;
    readonly $parent?: ModdleElement;
    /** Reads a property by (possibly prefixed) name, e.g. `tb:department`. */
    get(name: string): unknown;
  }

  export interface ModdleWarning {
    readonly message: string;
    readonly element?: ModdleElement;
    readonly property?: string;
    readonly value?: unknown;
    readonly error?: Error;
  }

  export interface FromXmlResult {
    readonly rootElement: ModdleElement;
    readonly warnings: readonly ModdleWarning[];
    readonly elementsById: Readonly<Record<string, ModdleElement>>;
  }

  export interface BpmnModdleInstance {
    fromXML(xml: string, typeName?: string): Promise<FromXmlResult>;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Readonly<Record<string, unknown>>): ModdleElement;
  }

  /** Creates a moddle that reads BPMN 2.0 plus the given extension packages (by prefix). */
  export function BpmnModdle(
    packages?: Readonly<Record<string, object>>,
    options?: Readonly<Record<string, unknown>>,
  ): BpmnModdleInstance;
}
