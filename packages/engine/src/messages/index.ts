/**
 * `@tongban/engine/messages`: the engine's diagnostics and errors in Chinese and English, by stable
 * code with parameters, for the designer, the CLI and the server alike.
 * @packageDocumentation
 */
export type { EngineErrorCode, MessageCode } from './codes.js';
export {
  fieldName,
  fillTemplate,
  isMessageCode,
  type LocalizeOptions,
  localize,
  type MessageLanguage,
  type MessageParams,
  messageCodes,
  messageTemplate,
  type Problem,
  problemField,
} from './localize.js';
