/// <reference path="./bpmn/bpmn-moddle.d.ts" preserve="true" />
/**
 * `@tongban/engine`: BPMN import, compiler to xstate v5, the pure case runtime, the working-day
 * calendar and clocks. No I/O and no Node-only APIs: it runs in the browser too.
 * @packageDocumentation
 */

export * from './bpmn/index.js';
export * from './calendar/index.js';
export * from './clock/index.js';
export * from './compile/index.js';
export * from './errors.js';
export * from './expr/index.js';
export type * from './model/case.js';
export { isLiveStatus } from './model/case.js';
export type * from './model/diagnostics.js';
export type * from './model/json.js';
export type * from './model/process.js';
export type * from './model/time.js';
export * from './runtime/index.js';
export type * from './runtime/types.js';
export * from './supervision/index.js';
export { checkParsedBpmn, compileBpmn, type ParsedCheck, validateBpmn } from './validate.js';
