/**
 * BPMN 2.0 import: XML with Tongban's `tb:` extension → the typed process model, with diagnostics.
 * @module
 */

export { parseHandlers, parsePassRatio } from './decision-attributes.js';
export { type DecodedBpmn, decodeBpmnBytes } from './decode-bytes.js';
export { type ImportResult, importBpmn, importDefinitions, type ParsedBpmn } from './import-bpmn.js';
export { TB_NAMESPACE_URI, type TbModdleDescriptor, tbModdleDescriptor } from './tb-moddle.js';
