import { Type } from '@fastify/type-provider-typebox';
import type { DurableRuntime } from '@tongban/adapters';
import {
  CASE_STATUSES,
  type CaseSnapshot,
  type CaseStatus,
  type Light,
  snapshotTasks,
  type TaskRecord,
} from '@tongban/engine';
import { beijingLastDay } from '@tongban/engine/supervision';
import type { FastifyReply } from 'fastify';
import { callerOf } from '../auth/guard.js';
import { actorOf, readsEverything } from '../auth/principal.js';
import { assertMaySeeCase, noCase } from '../auth/scope.js';
import type { Api } from '../http/api.js';
import { HttpProblem } from '../http/problem.js';
import {
  CaseIdParams,
  errors,
  IdempotencyHeaders,
  Instant,
  LightSchema,
  NullableInstant,
  NullableLight,
  OutcomeSchema,
  outcomeJson,
  TaskSchema,
} from '../http/schemas.js';
import { scopedKey, withClientKey } from '../idempotency.js';
import type { ServerOptions } from '../options.js';
import { issueQueryCode } from '../query-codes.js';
import { API_PREFIX_V1 } from './prefix.js';

const JsonObject = Type.Record(Type.String(), Type.Unknown());

const StartBody = Type.Object(
  {
    caseId: Type.String({ minLength: 1, maxLength: 200 }),
    processId: Type.Optional(
      Type.String({ minLength: 1, description: 'Start on the latest version of this process' }),
    ),
    definitionHash: Type.Optional(
      Type.String({ minLength: 1, description: 'Start on exactly this version' }),
    ),
    variables: Type.Optional(JsonObject),
    coDepartments: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 100 })),
    intake: Type.Optional(Type.Union([Type.Literal('accepted'), Type.Literal('pending')])),
    matterCode: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: true },
);

const CaseTaskSchema = Type.Intersect([
  TaskSchema,
  Type.Object({ light: NullableLight, lastDay: Type.Union([Type.String(), Type.Null()]) }),
]);

const CaseView = Type.Object({
  caseId: Type.String(),
  processId: Type.String(),
  definitionHash: Type.String(),
  matterCode: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  light: NullableLight,
  dueAt: NullableInstant,
  lastDay: Type.Union([Type.String(), Type.Null()], {
    description: 'The deadline as people read it (Beijing date)',
  }),
  startedAt: Instant,
  updatedAt: Instant,
  version: Type.Integer(),
  openTasks: Type.Array(CaseTaskSchema),
  variables: Type.Record(Type.String(), Type.Unknown(), {
    description:
      "The case's variables (the application's data and materials), for the departments that take part and supervisors; never in the public view",
  }),
});

const StatusSchema = Type.Union(CASE_STATUSES.map((s) => Type.Literal(s)));

const SearchQuery = Type.Object({
  status: Type.Optional(Type.Array(StatusSchema, { maxItems: 9 })),
  matterCode: Type.Optional(Type.String({ minLength: 1 })),
  light: Type.Optional(Type.Array(LightSchema, { maxItems: 3 })),
  department: Type.Optional(Type.String({ minLength: 1 })),
  receivedFrom: Type.Optional(Type.Integer()),
  receivedTo: Type.Optional(Type.Integer()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

/** Refuses an `actor` in a body: the actor is the token's (docs/server.md, "The actor"). */
export function refuseBodyActor(body: object): void {
  if (Object.hasOwn(body, 'actor'))
    throw new HttpProblem(
      'ACTOR_IN_BODY',
      'body.actor: the actor of a command is taken from the bearer token; leave `actor` out of the body',
      { field: 'body.actor' },
    );
}

/** Tells a replayed answer apart for HTTP clients. */
export function markReplay(reply: FastifyReply, replayed: boolean): void {
  if (replayed) void reply.header('idempotent-replayed', 'true');
}

/** Starting cases (with their 查询码), reading a case, its events, and searching cases. */
export function registerCaseRoutes(app: Api, options: ServerOptions): void {
  registerCaseStart(app, options);
  registerCaseReads(app, options);
  registerCaseSearch(app, options);
}

/** `POST /cases`: 受理, answering with the case and its 查询码. */
function registerCaseStart(app: Api, options: ServerOptions): void {
  const { runtime } = options;

  app.post(
    `${API_PREFIX_V1}/cases`,
    {
      schema: {
        summary: '受理: start a case; answers with the case and its 查询码 (shown once)',
        tags: ['cases'],
        headers: IdempotencyHeaders,
        body: StartBody,
        response: {
          201: Type.Object({
            case: OutcomeSchema,
            queryCode: Type.String({
              description:
                '查询码 for the public query; only its hash is stored. A replay (same Idempotency-Key) issues a fresh code and the earlier one stops working.',
            }),
          }),
          ...errors(404, 409, 413),
        },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      const body = request.body;
      refuseBodyActor(body);
      if ((body.processId === undefined) === (body.definitionHash === undefined))
        throw new HttpProblem('BAD_REQUEST', 'body: give exactly one of processId and definitionHash', {
          field: 'body.processId',
        });
      const { caseId, processId, definitionHash, matterCode, variables, coDepartments, intake } = body;
      const command = {
        caseId,
        actor: actorOf(principal),
        ...(variables === undefined ? {} : { variables: variables as never }),
        ...(coDepartments === undefined ? {} : { coDepartments }),
        ...(intake === undefined ? {} : { intake }),
      };
      const key = request.headers['idempotency-key'];
      const execute = {
        ...(key === undefined ? {} : { idempotencyKey: scopedKey(principal, key) }),
        ...(matterCode === undefined ? {} : { matterCode }),
      };
      const outcome = await withClientKey(key, () =>
        processId !== undefined
          ? runtime.startLatest(processId, command, execute)
          : runtime.start(definitionHash ?? '', command, execute),
      );
      const queryCode = await issueQueryCode(runtime.store, outcome.caseId);
      markReplay(reply, outcome.replayed);
      return reply.code(201).send({ case: outcomeJson(outcome), queryCode });
    },
  );
}

/** `GET /cases/{caseId}` and its events. */
function registerCaseReads(app: Api, options: ServerOptions): void {
  const { runtime } = options;

  app.get(
    `${API_PREFIX_V1}/cases/:caseId`,
    {
      schema: {
        summary: 'A case: status, light, deadline, open tasks with their lights',
        tags: ['cases'],
        params: CaseIdParams,
        response: { 200: CaseView, ...errors(404) },
      },
    },
    async (request) => {
      const principal = callerOf(request);
      const { caseId } = request.params;
      await assertMaySeeCase(runtime, principal, caseId);
      return caseView(runtime, caseId);
    },
  );

  app.get(
    `${API_PREFIX_V1}/cases/:caseId/events`,
    {
      schema: {
        summary: "A case's events in order, with their audit-chain hashes",
        tags: ['cases'],
        params: CaseIdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                seq: Type.Integer(),
                id: Type.Integer({ description: 'Global event id (the stream’s Last-Event-ID)' }),
                type: Type.String(),
                at: Instant,
                hash: Type.String(),
                prevHash: Type.String(),
                payload: Type.Unknown(),
              }),
            ),
          }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      const principal = callerOf(request);
      const { caseId } = request.params;
      await assertMaySeeCase(runtime, principal, caseId);
      const rows = await runtime.events(caseId);
      if (rows.length === 0) throw noCase(caseId);
      return {
        items: rows.map((row) => ({
          seq: row.seq,
          id: row.id,
          type: row.type,
          at: row.at,
          hash: row.hash,
          prevHash: row.prevHash,
          payload: row.payload,
        })),
      };
    },
  );
}

/** `GET /cases`: 办件查询, scoped to the caller. */
function registerCaseSearch(app: Api, options: ServerOptions): void {
  const { runtime } = options;

  app.get(
    `${API_PREFIX_V1}/cases`,
    {
      schema: {
        summary:
          '办件查询: cases by status, matter, light, department and received date, newest first, paged',
        description:
          'Staff and officers see only cases with an open task of their own department (the `department` filter is theirs).',
        tags: ['cases'],
        querystring: SearchQuery,
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(
              Type.Object({
                caseId: Type.String(),
                processId: Type.String(),
                definitionHash: Type.String(),
                matterCode: Type.Union([Type.String(), Type.Null()]),
                status: Type.String(),
                light: NullableLight,
                dueAt: NullableInstant,
                receivedAt: Instant,
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
      if (!readsEverything(principal)) {
        if (department !== undefined && department !== principal.department)
          throw new HttpProblem(
            'FORBIDDEN',
            `query.department: staff search only their own department's cases`,
            {
              field: 'query.department',
            },
          );
        department = principal.department ?? undefined;
      }
      const page = await runtime.searchCases({
        ...(q.status === undefined ? {} : { status: q.status as CaseStatus[] }),
        ...(q.matterCode === undefined ? {} : { matterCode: q.matterCode }),
        ...(q.light === undefined ? {} : { light: q.light as Light[] }),
        ...(department === undefined ? {} : { department }),
        ...(q.receivedFrom === undefined ? {} : { receivedFrom: q.receivedFrom }),
        ...(q.receivedTo === undefined ? {} : { receivedTo: q.receivedTo }),
        ...(q.limit === undefined ? {} : { limit: q.limit }),
        ...(q.offset === undefined ? {} : { offset: q.offset }),
      });
      return { total: page.total, items: [...page.items] };
    },
  );
}

/** The lights of a snapshot's clocks (task id → light), as the engine keeps them. */
export function taskLights(snapshot: CaseSnapshot): Readonly<Record<string, Light>> {
  const lights = (snapshot.machine.context as { lights?: Record<string, Light> }).lights;
  return lights ?? {};
}

function withLight(task: TaskRecord, lights: Readonly<Record<string, Light>>) {
  return {
    ...task,
    light: lights[task.id] ?? null,
    lastDay: task.dueAt === null ? null : beijingLastDay(task.dueAt),
  };
}

/** A case as the API shows it to those who may read it. */
export async function caseView(runtime: DurableRuntime, caseId: string) {
  const row = await runtime.getCase(caseId);
  if (row === null) throw noCase(caseId);
  const snapshot = row.snapshot as CaseSnapshot;
  const lights = taskLights(snapshot);
  return {
    caseId: row.id,
    processId: row.processId,
    definitionHash: row.definitionHash,
    matterCode: row.matterCode,
    status: row.status,
    light: snapshot.light,
    dueAt: snapshot.dueAt,
    lastDay: snapshot.dueAt === null ? null : beijingLastDay(snapshot.dueAt),
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    version: row.version,
    openTasks: snapshotTasks(snapshot).map((task) => withLight(task, lights)),
    variables: snapshot.machine.context.vars,
  };
}
