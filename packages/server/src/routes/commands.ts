import { Type } from '@fastify/type-provider-typebox';
import { type CaseCommand, WHO_MAY } from '@tongban/engine';
import { callerOf } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';
import type { Api } from '../http/api.js';
import { CaseIdParams, errors, IdempotencyHeaders, OutcomeSchema, outcomeJson } from '../http/schemas.js';
import { scopedKey, withClientKey } from '../idempotency.js';
import type { ServerOptions } from '../options.js';
import { markReplay, refuseBodyActor } from './cases.js';
import { API_PREFIX_V1 } from './prefix.js';

/**
 * The commands a person may send over HTTP: every command of the engine's table except `start`
 * (its own route) and those only the runtime itself sends (timers, service-task results), read
 * from the same `WHO_MAY` table `step` enforces.
 */
export const HTTP_COMMANDS: readonly string[] = Object.entries(WHO_MAY)
  .filter(
    ([type, rule]) => type !== 'start' && (rule.staff !== null || rule.kinds.some((k) => k !== 'system')),
  )
  .map(([type]) => type)
  .sort();

const CommandBody = Type.Object(
  {
    type: Type.Union(
      HTTP_COMMANDS.map((t) => Type.Literal(t)),
      {
        description:
          'The engine command (docs/commands.md); its other fields as documented there, without `actor`',
      },
    ),
  },
  { additionalProperties: true },
);

/** `POST /api/v1/cases/{caseId}/commands`: any engine command on a case, as the token's actor. */
export function registerCommandRoutes(app: Api, options: ServerOptions): void {
  const { runtime } = options;
  app.post(
    `${API_PREFIX_V1}/cases/:caseId/commands`,
    {
      schema: {
        summary: 'Send a command (complete, reject, 补正, 特别程序, 转办, 加签, 撤回, 催办, 督办 …)',
        description:
          'The actor is the bearer token’s; an `actor` in the body is refused (400 ACTOR_IN_BODY). The engine’s rules decide who may send what (FORBIDDEN). With Idempotency-Key, the same key and command replays the first answer; another command with it is 409 IDEMPOTENCY_KEY_MISMATCH.',
        tags: ['cases'],
        params: CaseIdParams,
        headers: IdempotencyHeaders,
        body: CommandBody,
        response: { 200: OutcomeSchema, ...errors(404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      refuseBodyActor(request.body);
      // The engine checks every field of the command (BAD_COMMAND naming it); the HTTP schema
      // checks only its type, so there is one definition of each command's shape.
      const command = { ...request.body, actor: actorOf(principal) } as unknown as CaseCommand;
      const key = request.headers['idempotency-key'];
      const outcome = await withClientKey(key, () =>
        runtime.execute(
          request.params.caseId,
          command,
          key === undefined ? {} : { idempotencyKey: scopedKey(principal, key) },
        ),
      );
      markReplay(reply, outcome.replayed);
      return outcomeJson(outcome);
    },
  );
}
