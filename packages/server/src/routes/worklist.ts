import { Type } from '@fastify/type-provider-typebox';
import type { Light, WorklistSort } from '@tongban/engine';
import { callerOf } from '../auth/guard.js';
import { readsEverything } from '../auth/principal.js';
import type { Api } from '../http/api.js';
import { HttpProblem } from '../http/problem.js';
import { errors, Instant, LightSchema, NullableInstant, NullableLight, TaskSchema } from '../http/schemas.js';
import type { ServerOptions } from '../options.js';
import { API_PREFIX_V1 } from './prefix.js';

const WorklistQuerySchema = Type.Object({
  department: Type.Optional(Type.String({ minLength: 1, description: 'Supervisors and admins: whose list' })),
  person: Type.Optional(Type.String({ minLength: 1, description: 'Supervisors and admins: whose tasks' })),
  mine: Type.Optional(Type.Boolean({ description: 'Only the caller’s own tasks (签收, 委派, handler)' })),
  light: Type.Optional(Type.Array(LightSchema, { maxItems: 3 })),
  dueBefore: Type.Optional(Instant),
  matterCode: Type.Optional(Type.String({ minLength: 1 })),
  sort: Type.Optional(Type.Union([Type.Literal('urgency'), Type.Literal('due'), Type.Literal('opened')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

/** `GET /api/v1/worklist`: 待办 of the caller's department, or the caller's own tasks. */
export function registerWorklistRoutes(app: Api, options: ServerOptions): void {
  const { runtime } = options;
  app.get(
    `${API_PREFIX_V1}/worklist`,
    {
      schema: {
        summary: '待办: open user tasks of the caller’s department (or the caller’s own), most urgent first',
        description:
          'Staff and officers: their own department (a `department` naming another is 403); `mine=true` narrows to their own tasks. Supervisors and admins name a `department` or a `person`.',
        tags: ['worklist'],
        querystring: WorklistQuerySchema,
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(
              Type.Object({
                caseId: Type.String(),
                matterCode: Type.Union([Type.String(), Type.Null()]),
                light: NullableLight,
                caseDueAt: NullableInstant,
                task: TaskSchema,
              }),
            ),
          }),
          ...errors(),
        },
      },
    },
    async (request) => {
      const principal = callerOf(request);
      const q = request.query;
      let department = q.department;
      let person = q.person;
      if (!readsEverything(principal)) {
        if (department !== undefined && department !== principal.department)
          throw new HttpProblem(
            'FORBIDDEN',
            'query.department: staff see only their own department’s worklist',
            {
              field: 'query.department',
            },
          );
        if (person !== undefined && person !== principal.id)
          throw new HttpProblem('FORBIDDEN', 'query.person: staff see only their own tasks', {
            field: 'query.person',
          });
        department = principal.department ?? undefined;
      }
      if (q.mine === true) person = principal.id;
      const page = await runtime.worklist({
        ...(department === undefined ? {} : { department }),
        ...(person === undefined ? {} : { person }),
        ...(q.light === undefined ? {} : { light: q.light as Light[] }),
        ...(q.dueBefore === undefined ? {} : { dueBefore: q.dueBefore }),
        ...(q.matterCode === undefined ? {} : { matterCode: q.matterCode }),
        ...(q.sort === undefined ? {} : { sort: q.sort as WorklistSort }),
        ...(q.limit === undefined ? {} : { limit: q.limit }),
        ...(q.offset === undefined ? {} : { offset: q.offset }),
      });
      return { total: page.total, items: [...page.items] };
    },
  );
}
