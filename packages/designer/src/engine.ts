import { compileBpmn } from '@tongban/engine';
import type { Validator } from './validation/types.js';

/** The engine's own compiler, run in the page: exactly what the server will accept or refuse. */
export const engineValidator: Validator = async (xml) => {
  const result = await compileBpmn(xml);
  return {
    ok: result.ok,
    diagnostics: result.diagnostics,
    definition: result.ok ? result.definition : null,
  };
};
