import { Type } from '@fastify/type-provider-typebox';
import { type CaseSnapshot, snapshotTasks } from '@tongban/engine';
import { beijingLastDay } from '@tongban/engine/supervision';
import type { Api } from '../http/api.js';
import { HttpProblem } from '../http/problem.js';
import { CaseIdParams, Instant, NullableLight } from '../http/schemas.js';
import type { ServerOptions } from '../options.js';
import { checkQueryCode } from '../query-codes.js';
import { taskLights } from './cases.js';
import { API_PREFIX_V1 } from './prefix.js';

/**
 * What an applicant sees: where the case stands and by when it is promised. The response schema
 * lists every field, so nothing else (opinions, staff names, variables) can reach the answer.
 */
const PublicView = Type.Object(
  {
    caseId: Type.String(),
    status: Type.String(),
    light: NullableLight,
    receivedAt: Instant,
    promisedDate: Type.Union([Type.String(), Type.Null()], {
      description: '承诺办结日期: the last day of the case’s time limit (Beijing date)',
    }),
    stages: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          department: Type.Union([Type.String(), Type.Null()]),
          light: NullableLight,
          lastDay: Type.Union([Type.String(), Type.Null()]),
        },
        { additionalProperties: false },
      ),
      { description: 'The stages in progress now' },
    ),
  },
  { additionalProperties: false },
);

/** `GET /api/v1/public/cases/{caseId}?code=…`: the applicant's progress query, without a token. */
export function registerPublicRoutes(app: Api, options: ServerOptions): void {
  const { runtime } = options;
  const notFound = () =>
    new HttpProblem('NOT_FOUND', 'no case with this id and query code (查询码); check both and try again');
  app.get(
    `${API_PREFIX_V1}/public/cases/:caseId`,
    {
      config: {
        public: true,
        rateLimit: { max: options.publicRateLimit ?? 30, timeWindow: 60_000 },
      },
      schema: {
        summary: 'Public progress query with the 查询码: status, stages, promised date, lights',
        description:
          'No token. A wrong code answers exactly as an unknown case (404). Rate-limited per client address (429). No opinions, staff names or variables.',
        tags: ['public'],
        security: [],
        params: CaseIdParams,
        querystring: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: {
          200: PublicView,
          404: { $ref: 'Problem#' },
          429: { $ref: 'Problem#' },
        },
      },
    },
    async (request) => {
      const { caseId } = request.params;
      if (!(await checkQueryCode(runtime.store, caseId, request.query.code))) throw notFound();
      const row = await runtime.getCase(caseId);
      if (row === null) throw notFound();
      const snapshot = row.snapshot as CaseSnapshot;
      const lights = taskLights(snapshot);
      return {
        caseId: row.id,
        status: row.status,
        light: snapshot.light,
        receivedAt: row.startedAt,
        promisedDate: snapshot.dueAt === null ? null : beijingLastDay(snapshot.dueAt),
        stages: snapshotTasks(snapshot)
          .filter((task) => task.kind === 'user')
          .map((task) => ({
            name: task.name ?? task.elementId,
            department: task.department,
            light: lights[task.id] ?? null,
            lastDay: task.dueAt === null ? null : beijingLastDay(task.dueAt),
          })),
      };
    },
  );
}
