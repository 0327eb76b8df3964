import { AjvCompiler } from '@fastify/ajv-compiler';

type Factory = ReturnType<typeof AjvCompiler>;
type Compiler = ReturnType<Factory>;
type ServerOption = NonNullable<Parameters<Factory>[1]>;
type AjvOption = Extract<ServerOption, { customOptions?: { coerceTypes?: unknown } }>;

const pool = AjvCompiler();

/** The server's Ajv options with `coerceTypes` set (JSON Schema Ajv, never JTD here). */
function withCoercion(options: ServerOption | undefined, coerceTypes: 'array' | false): AjvOption {
  const base = (options ?? {}) as AjvOption;
  return { ...base, customOptions: { ...(base.customOptions ?? {}), coerceTypes } } as AjvOption;
}

/**
 * Fastify's validator with one change: query strings, path parameters and headers are coerced
 * (they arrive as text: `limit=5` is the integer 5), JSON bodies are not (`"caseId": 42` is a
 * number where a string is required, and is refused with 400 naming the field, not turned into "42").
 */
export function buildValidator(externalSchemas: Parameters<Factory>[0], options?: ServerOption): Compiler {
  const coercing = pool(externalSchemas, withCoercion(options, 'array'));
  const strict = pool(externalSchemas, withCoercion(options, false));
  return (route: Parameters<Compiler>[0]) => (route.httpPart === 'body' ? strict(route) : coercing(route));
}
