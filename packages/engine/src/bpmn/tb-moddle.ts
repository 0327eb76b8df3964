import descriptor from './tb-moddle.json' with { type: 'json' };

/** XML namespace of Tongban's BPMN extension attributes (prefix `tb`). */
export const TB_NAMESPACE_URI = 'https://tongban.dev/schema/bpmn/tb/1.0';

/**
 * The moddle descriptor of the `tb:` extension, for bpmn-moddle and bpmn-js
 * (`new BpmnModeler({ moddleExtensions: { tb: tbModdleDescriptor } })`). Also published as
 * `@tongban/engine/tb-moddle.json`.
 */
export const tbModdleDescriptor: TbModdleDescriptor = descriptor;

/**
 * The shape of Tongban's moddle package descriptor. Declared here rather than taken from the JSON
 * file so that the published `.d.ts` files import no JSON (a strict consumer would need
 * `resolveJsonModule` and an import attribute to read it).
 */
export interface TbModdleDescriptor {
  readonly name: string;
  readonly prefix: string;
  readonly uri: string;
  readonly xml: { readonly tagAlias: string };
  readonly associations: readonly unknown[];
  readonly enumerations: readonly unknown[];
  readonly types: readonly {
    readonly name: string;
    readonly isAbstract?: boolean;
    readonly extends: readonly string[];
    readonly properties: readonly {
      readonly name: string;
      readonly isAttr?: boolean;
      readonly type: string;
    }[];
  }[];
}
