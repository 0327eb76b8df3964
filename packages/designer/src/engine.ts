import { checkParsedBpmn, compile } from '@tongban/engine';
import type { ValidationResult, Validator } from './validation/types.js';

/**
 * The engine's own checks, run in the page on the document bpmn-js already holds: the diagnostics
 * `compileBpmn` gives for the saved XML, without saving and parsing it again (the engine's test
 * `check-parsed.test.ts` holds the two equal). The runnable definition is compiled from the model
 * only when the deadline preview or the dry run asks for it.
 */
export const engineValidator: Validator = (parsed, calendars) => {
  const options = calendars ? { calendars } : {};
  const { ok, diagnostics, model } = checkParsedBpmn(parsed, options);
  let built: ReturnType<ValidationResult['definition']> | undefined;
  let key: string | null | undefined;
  return {
    ok,
    diagnostics,
    key: () => {
      key ??= model ? JSON.stringify(model) : null;
      return key;
    },
    definition: () => {
      if (built === undefined) {
        const compiled = model ? compile(model, options) : null;
        built = compiled?.ok ? compiled.definition : null;
      }
      return built;
    },
  };
};
