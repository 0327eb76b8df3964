import { Type } from '@fastify/type-provider-typebox';
import { countBoard, exportColumns, exportRecords, queryBoard, queryStatistics } from '@tongban/adapters';
import type { Light, StatisticsDimension } from '@tongban/engine';
import { toCsv } from '@tongban/engine/supervision';
import { callerOf, requireKind } from '../auth/guard.js';
import { readsEverything } from '../auth/principal.js';
import type { Api } from '../http/api.js';
import { HttpProblem } from '../http/problem.js';
import { CaseIdParams, errors, LightSchema } from '../http/schemas.js';
import type { ServerOptions } from '../options.js';
import { API_PREFIX_V1 } from './prefix.js';

const SUPERVISORS = ['supervisor', 'admin'] as const;
const DAY_MS = 86_400_000;

const Count = Type.Integer({ minimum: 0 });

/** The board's page with its totals (the console pages and draws the urgency tiles from them). */
const BoardAnswer = Type.Object({
  items: Type.Array(Type.Unknown(), { description: 'This page of open cases, most urgent first' }),
  total: Type.Integer({ minimum: 0, description: 'Open cases matching all filters (every page)' }),
  counts: Type.Object(
    { red: Count, yellow: Count, green: Count, none: Count },
    {
      description:
        'Open cases by urgency matching every filter except light (none: no time limit), for the urgency tiles',
    },
  ),
});

const Boundary = Type.String({
  minLength: 10,
  maxLength: 40,
  description: 'A Beijing date YYYY-MM-DD (from: its start; to: through its end) or an ISO instant',
});

/** An instant from a Beijing date (its start, or the start of the next day for an inclusive end) or an ISO instant. */
export function parseBoundary(text: string, field: string, end: boolean): number {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const at = date ? Date.parse(`${text}T00:00:00+08:00`) : Date.parse(text);
  if (Number.isNaN(at))
    throw new HttpProblem('BAD_REQUEST', `${field}: not a date (YYYY-MM-DD) or ISO instant: ${text}`, {
      field,
    });
  return date && end ? at + DAY_MS : at;
}

/** The live board, a page at a time with its totals; staff see only their own department. */
function registerBoardRoute(app: Api, options: ServerOptions): void {
  const { runtime } = options;
  const db = runtime.store.db;
  const calendars = options.compileOptions?.calendars;
  app.get(
    `${API_PREFIX_V1}/board`,
    {
      schema: {
        summary: 'The live board: open cases most urgent first, with their open tasks',
        description: 'Staff and officers see the cases of their own department, with only its tasks.',
        tags: ['supervision'],
        querystring: Type.Object({
          matter: Type.Optional(Type.String({ minLength: 1 })),
          department: Type.Optional(Type.String({ minLength: 1 })),
          region: Type.Optional(Type.String({ minLength: 1 })),
          light: Type.Optional(LightSchema),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          offset: Type.Optional(
            Type.Integer({ minimum: 0, description: 'Cases skipped, in board order (paging; default 0)' }),
          ),
        }),
        response: { 200: BoardAnswer, ...errors() },
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
            'query.department: staff see only their own department’s board',
            {
              field: 'query.department',
            },
          );
        department = principal.department ?? undefined;
      }
      const filter = {
        now: runtime.now(),
        ...(q.matter === undefined ? {} : { matter: q.matter }),
        ...(department === undefined ? {} : { department }),
        ...(q.region === undefined ? {} : { region: q.region }),
        ...(q.light === undefined ? {} : { light: q.light as Light }),
      };
      // One "now" for both, so the page and the totals rank every case alike. Both read only, each
      // on its own pool connection: concurrently, the answer waits for the slower, not the sum.
      const [items, { total, counts }] = await Promise.all([
        queryBoard(db, {
          ...filter,
          limit: q.limit ?? 50,
          offset: q.offset ?? 0,
          ...(calendars === undefined ? {} : { calendars }),
        }),
        countBoard(db, filter),
      ]);
      return { items, total, counts };
    },
  );
}

/** Board (everyone but applicants, scoped), statistics, export and audit (supervisors and admins). */
export function registerSupervisionRoutes(app: Api, options: ServerOptions): void {
  const { runtime } = options;
  const db = runtime.store.db;

  registerBoardRoute(app, options);

  app.get(
    `${API_PREFIX_V1}/statistics`,
    {
      schema: {
        summary: '效能监察 statistics over a period, by matter, department, staff or window',
        tags: ['supervision'],
        querystring: Type.Object({
          from: Boundary,
          to: Boundary,
          by: Type.Optional(
            Type.Union([
              Type.Literal('matter'),
              Type.Literal('department'),
              Type.Literal('staff'),
              Type.Literal('window'),
            ]),
          ),
        }),
        response: { 200: Type.Object({ items: Type.Array(Type.Unknown()) }), ...errors() },
      },
    },
    async (request) => {
      requireKind(request, SUPERVISORS, 'statistics');
      const q = request.query;
      const from = parseBoundary(q.from, 'query.from', false);
      const to = parseBoundary(q.to, 'query.to', true);
      if (to <= from)
        throw new HttpProblem('BAD_REQUEST', 'query.to: the period ends before it starts', {
          field: 'query.to',
        });
      const items = await queryStatistics(db, {
        from,
        to,
        by: (q.by ?? 'department') as StatisticsDimension,
      });
      return { items };
    },
  );

  app.get(
    `${API_PREFIX_V1}/export`,
    {
      schema: {
        summary: 'Cases, tasks or supervision records with GB/T 39046-2020 field names, as CSV or JSON',
        tags: ['supervision'],
        produces: ['text/csv', 'application/json'],
        querystring: Type.Object({
          what: Type.Optional(
            Type.Union([Type.Literal('cases'), Type.Literal('tasks'), Type.Literal('supervision')]),
          ),
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')])),
          from: Type.Optional(Boundary),
          to: Type.Optional(Boundary),
        }),
        response: { 200: { description: 'CSV (UTF-8) or a JSON array of records' }, ...errors() },
      },
    },
    async (request, reply) => {
      requireKind(request, SUPERVISORS, 'exports');
      const q = request.query;
      const what = q.what ?? 'cases';
      const records = await exportRecords(db, {
        what,
        ...(q.from === undefined ? {} : { from: parseBoundary(q.from, 'query.from', false) }),
        ...(q.to === undefined ? {} : { to: parseBoundary(q.to, 'query.to', true) }),
      });
      if ((q.format ?? 'csv') === 'json')
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(records));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tongban-${what}.csv"`)
        .send(toCsv(exportColumns(what), records, { bom: false }));
    },
  );

  app.get(
    `${API_PREFIX_V1}/audit/:caseId`,
    {
      schema: {
        summary: "A case's tamper-evident audit: its hash chain re-computed, and its events",
        tags: ['supervision'],
        params: CaseIdParams,
        response: {
          200: Type.Object({ verdict: Type.Unknown(), events: Type.Array(Type.Unknown()) }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      requireKind(request, SUPERVISORS, 'the audit trail');
      const { caseId } = request.params;
      const events = await runtime.events(caseId);
      if (events.length === 0) throw new HttpProblem('NO_CASE', `case ${caseId} does not exist`, { caseId });
      const verdict = await runtime.verify(caseId);
      return { verdict, events };
    },
  );
}
