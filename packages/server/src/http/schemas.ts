import { Type } from '@fastify/type-provider-typebox';

/** The problem details body every error answers with (RFC 9457). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: "The engine's (or the server's) stable error code" }),
    instance: Type.Optional(Type.String()),
    field: Type.Optional(Type.String({ description: 'The offending input, on a 400' })),
    caseId: Type.Optional(Type.String()),
    elementId: Type.Optional(Type.String()),
  },
  { additionalProperties: true, $id: 'Problem' },
);

/** Error answers shared by authenticated routes, for the OpenAPI document. */
export function errors(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const status of [400, 401, 403, ...statuses])
    out[status] = { $ref: 'Problem#', description: 'Problem details (application/problem+json)' };
  return out;
}

export const LightSchema = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]);
export const NullableLight = Type.Union([LightSchema, Type.Null()]);
export const Instant = Type.Integer({ description: 'Epoch milliseconds' });
export const NullableInstant = Type.Union([Instant, Type.Null()]);

/** A case id in a path: printable, bounded. */
export const CaseIdParams = Type.Object({
  caseId: Type.String({ minLength: 1, maxLength: 200 }),
});

/** A task as the engine records it. */
export const TaskSchema = Type.Object(
  {
    id: Type.String(),
    elementId: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    kind: Type.String(),
    department: Type.Union([Type.String(), Type.Null()]),
    role: Type.Union([Type.String(), Type.Null()]),
    openedAt: Instant,
    dueAt: NullableInstant,
  },
  { additionalProperties: true },
);

/** What a command did (the engine's outcome plus the row's version). */
export const OutcomeSchema = Type.Object({
  caseId: Type.String(),
  status: Type.String(),
  light: NullableLight,
  dueAt: NullableInstant,
  version: Type.Integer(),
  replayed: Type.Boolean({ description: 'True when this is the first answer of the same Idempotency-Key' }),
  events: Type.Array(Type.Object({ seq: Type.Integer(), type: Type.String() })),
  openTasks: Type.Array(TaskSchema),
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'Sending the same key with the same command replays the first answer; with another command: 409',
    }),
  ),
});

/** An outcome as the response schema types it (mutable arrays; the same values). */
export function outcomeJson<
  T extends { readonly events: readonly unknown[]; readonly openTasks: readonly unknown[] },
>(
  outcome: T,
): Omit<T, 'events' | 'openTasks'> & { events: T['events'][number][]; openTasks: T['openTasks'][number][] } {
  return { ...outcome, events: [...outcome.events], openTasks: [...outcome.openTasks] };
}
