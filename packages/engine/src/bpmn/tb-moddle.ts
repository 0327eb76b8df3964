import descriptor from './tb-moddle.json' with { type: 'json' };

/** XML namespace of Tongban's BPMN extension attributes (prefix `tb`). */
export const TB_NAMESPACE_URI = 'https://tongban.dev/schema/bpmn/tb/1.0';

/**
 * The moddle descriptor of the `tb:` extension, for bpmn-moddle and bpmn-js
 * (`new BpmnModeler({ moddleExtensions: { tb: tbModdleDescriptor } })`). Also published as
 * `@tongban/engine/tb-moddle.json`.
 */
export const tbModdleDescriptor: typeof descriptor = descriptor;
