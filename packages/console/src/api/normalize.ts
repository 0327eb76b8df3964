import type {
  BoardCase,
  BoardPage,
  CaseEvent,
  CaseView,
  Light,
  LightCounts,
  PublicCase,
  StatisticsRow,
  SupervisionOrder,
  TaskView,
  WorklistItem,
} from './types.js';

/**
 * Reads the server's JSON into the console's shapes. Tolerant on purpose: a field the server does
 * not send reads as null, so a screen shows "—" instead of breaking.
 */
type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const obj = (value: unknown): Json => (isObject(value) ? value : {});

function pick(source: Json, names: readonly string[]): unknown {
  for (const name of names) if (source[name] !== undefined && source[name] !== null) return source[name];
  return null;
}
function str(source: Json, ...names: string[]): string | null {
  const value = pick(source, names);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}
function num(source: Json, ...names: string[]): number | null {
  const value = pick(source, names);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}
export function light(value: unknown): Light | null {
  return value === 'green' || value === 'yellow' || value === 'red' ? value : null;
}

/** The list in a response that is a list, or wraps one under a usual name. */
export function list(body: unknown, ...names: string[]): unknown[] {
  if (Array.isArray(body)) return body;
  const source = obj(body);
  for (const name of [...names, 'items', 'data', 'rows', 'results']) {
    const value = source[name];
    if (Array.isArray(value)) return value;
  }
  return [];
}

const BEIJING_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** The last day people read for a deadline given as its first overdue instant. */
export function lastDayOf(dueAt: number | null): string | null {
  return dueAt === null ? null : BEIJING_DAY.format(new Date(dueAt - 1));
}

export function task(raw: unknown): TaskView {
  const source = obj(raw);
  const dueAt = num(source, 'dueAt', 'due');
  return {
    taskId: str(source, 'taskId', 'id') ?? '',
    elementId: str(source, 'elementId') ?? '',
    name: str(source, 'name'),
    department: str(source, 'department'),
    role: str(source, 'role'),
    responsible: str(source, 'responsible', 'delegatedTo', 'claimedBy'),
    openedAt: num(source, 'openedAt'),
    dueAt,
    lastDay: str(source, 'lastDay') ?? lastDayOf(dueAt),
    light: light(source.light),
    remainingWorkingDays: num(source, 'remainingWorkingDays'),
  };
}

export function boardCase(raw: unknown): BoardCase {
  const source = obj(raw);
  const region = obj(source.region);
  const dueAt = num(source, 'dueAt', 'due');
  const caseLight = light(source.light);
  return {
    caseId: str(source, 'caseId', 'id') ?? '',
    matterCode: str(source, 'matterCode', 'matter'),
    status: str(source, 'status') ?? 'running',
    urgency: light(source.urgency) ?? caseLight,
    light: caseLight,
    dueAt,
    lastDay: str(source, 'lastDay') ?? lastDayOf(dueAt),
    remainingWorkingDays: num(source, 'remainingWorkingDays'),
    leadDepartment: str(source, 'leadDepartment'),
    region: [str(region, 'province'), str(region, 'city'), str(region, 'county')].filter(
      (part): part is string => part !== null,
    ),
    tasks: list(source.tasks ?? source.openTasks).map(task),
  };
}

export function countLights(cases: readonly BoardCase[]): LightCounts {
  const counts: LightCounts = { red: 0, yellow: 0, green: 0, none: 0 };
  for (const c of cases) counts[c.urgency ?? 'none'] += 1;
  return counts;
}

/**
 * A board answer. A server without `total` and `counts` (before they were added) reads as if the
 * page were everything, so the console still draws against it.
 */
export function boardPage(raw: unknown): BoardPage {
  const source = obj(raw);
  const items = list(raw, 'items', 'cases').map(boardCase);
  const counted = obj(source.counts);
  const fallback = countLights(items);
  const count = (name: keyof LightCounts) =>
    num(counted, name) ?? (isObject(source.counts) ? 0 : fallback[name]);
  return {
    items,
    total: num(source, 'total') ?? items.length,
    counts: { red: count('red'), yellow: count('yellow'), green: count('green'), none: count('none') },
  };
}

export function caseView(raw: unknown): CaseView {
  const source = obj(isObject(obj(raw).case) ? obj(raw).case : raw);
  const outer = obj(raw);
  const dueAt = num(source, 'dueAt', 'due');
  const tasks = list(outer.openTasks ?? source.openTasks ?? outer.tasks ?? source.tasks).map(task);
  const elementLights: Record<string, Light | 'done'> = {};
  for (const open of tasks) if (open.elementId) elementLights[open.elementId] = open.light ?? 'green';
  return {
    caseId: str(source, 'caseId', 'id') ?? '',
    matterCode: str(source, 'matterCode', 'matter'),
    status: str(source, 'status') ?? 'running',
    light: light(source.light),
    dueAt,
    lastDay: str(source, 'lastDay') ?? lastDayOf(dueAt),
    definitionHash: str(source, 'definitionHash', 'hash') ?? str(outer, 'definitionHash'),
    processId: str(source, 'processId') ?? str(outer, 'processId'),
    tasks,
    materials: list(pick(obj(source.variables), ['materials', '材料']) ?? source.materials).map((m) =>
      typeof m === 'string' ? m : (str(obj(m), 'name', 'title') ?? JSON.stringify(m)),
    ),
    elementLights,
  };
}

export function caseEvent(raw: unknown): CaseEvent {
  const source = obj(raw);
  const inner = isObject(source.event) ? source.event : isObject(source.payload) ? source.payload : source;
  return {
    seq: num(source, 'seq'),
    type: str(inner, 'type') ?? str(source, 'type') ?? '',
    at: num(inner, 'at') ?? num(source, 'at', 'recordedAt') ?? 0,
    taskId: str(inner, 'taskId'),
    elementId: str(inner, 'elementId'),
    department: str(inner, 'department'),
    data: obj(inner.data),
  };
}

/** The 督办 orders of a case, from its events: issued, then answered or overdue. */
export function supervisionsOf(events: readonly CaseEvent[]): SupervisionOrder[] {
  const orders = new Map<string, { -readonly [K in keyof SupervisionOrder]: SupervisionOrder[K] }>();
  for (const event of events) {
    const id = typeof event.data.supervisionId === 'string' ? event.data.supervisionId : null;
    if (id === null) continue;
    if (event.type === 'case.supervised') {
      orders.set(id, {
        supervisionId: id,
        department: event.department ?? '',
        message: typeof event.data.message === 'string' ? event.data.message : '',
        dueAt: typeof event.data.dueAt === 'number' ? event.data.dueAt : null,
        answer: null,
        overdue: false,
      });
    }
    const order = orders.get(id);
    if (!order) continue;
    if (event.type === 'supervision.answered')
      order.answer = typeof event.data.answer === 'string' ? event.data.answer : '';
    if (event.type === 'supervision.overdue') order.overdue = true;
  }
  return [...orders.values()];
}

/** Elements done (a completed task) colour grey on the diagram unless a task there is open. */
export function withDoneElements(view: CaseView, events: readonly CaseEvent[]): CaseView {
  const lights: Record<string, Light | 'done'> = {};
  for (const event of events)
    if (event.type === 'task.completed' && event.elementId) lights[event.elementId] = 'done';
  return { ...view, elementLights: { ...lights, ...view.elementLights } };
}

export function worklistItem(raw: unknown): WorklistItem {
  const source = obj(raw);
  return {
    caseId: str(source, 'caseId') ?? '',
    matterCode: str(source, 'matterCode', 'matter'),
    caseLight: light(source.light ?? source.caseLight),
    task: task(source.task ?? source),
  };
}

export function statisticsRow(raw: unknown): StatisticsRow {
  const source = obj(raw);
  return {
    key: str(source, 'key'),
    received: num(source, 'received') ?? 0,
    completed: num(source, 'completed') ?? 0,
    completedOnTime: num(source, 'completedOnTime') ?? 0,
    completedEarly: num(source, 'completedEarly') ?? 0,
    overdue: num(source, 'overdue') ?? 0,
    averageWorkingDaysUsed: num(source, 'averageWorkingDaysUsed'),
    urges: num(source, 'urges') ?? 0,
    supervisions: num(source, 'supervisions') ?? 0,
  };
}

export function publicCase(raw: unknown): PublicCase {
  const source = obj(raw);
  const dueAt = num(source, 'dueAt', 'promisedAt');
  return {
    caseId: str(source, 'caseId', 'id') ?? '',
    status: str(source, 'status') ?? '',
    matterName: str(source, 'matterName', 'matter', 'matterCode'),
    lastDay: str(source, 'promisedLastDay', 'lastDay', 'promisedDate') ?? lastDayOf(dueAt),
    light: light(source.light),
    stages: list(source.stages ?? source.currentStages).map((stage) => {
      const entry = obj(stage);
      return {
        name: typeof stage === 'string' ? stage : (str(entry, 'name', 'stage', 'department') ?? ''),
        light: light(entry.light),
      };
    }),
  };
}
