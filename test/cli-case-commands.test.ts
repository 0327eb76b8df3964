// `tongban deploy`, `tongban case …` and `tongban worklist`, run as a user runs them (the real
// launcher in a child process) on a PGlite data directory and on a PostgreSQL database; then
// `board` and `stats` show the case they made.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore } from '@tongban/adapters';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, cliProcess } from '../packages/cli/test/support/cli.js';
import { DATABASE_URL, postgresLabel, useScratchDatabase } from './support/adapters-databases.js';

const BPMN = 'examples/construction-permit/construction-permit.bpmn';
// Each run opens the database anew: seconds on PGlite on a loaded machine.
const SLOW = 600_000;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const scratch = useScratchDatabase();

/** A Beijing civil date `days` from today, for stats periods around the cases started now. */
function beijingDay(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** No stack trace, one line: what a refusal must look like on stderr (after progress lines). */
function lastLine(run: CliRun): string {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return run.stderr.trimEnd().split('\n').at(-1) ?? '';
}

function defineCaseCommands(label: string, database: (() => string[]) | null): void {
  const run = database === null ? describe.skip : describe;
  run(`tongban case … on ${label}`, () => {
    const tongban = (...argv: string[]) => cliProcess([...argv, ...(database?.() ?? [])], {}, SLOW - 10_000);
    const json = <T>(result: CliRun): T => {
      expect(result.stderr.split('\n').filter((l) => l.startsWith('tongban:'))).toEqual([]);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as T;
    };

    it(
      'deploys, starts, completes, shows, lists, runs any command, and board and stats show the case',
      async () => {
        const deployed = await tongban('deploy', BPMN);
        expect(deployed).toMatchObject({
          code: 0,
          stdout: expect.stringMatching(/^已部署 ConstructionPermit 第 1 版（[0-9a-f]{64}）\n$/),
        });

        const started = await tongban(
          'case',
          'start',
          'ConstructionPermit',
          '--case-id',
          'SG-1',
          '--var',
          'projectName=滨江路小学',
          '--var',
          'floors=4',
        );
        expect(started.code).toBe(0);
        expect(started.stdout).toMatch(
          /^办件 SG-1：办理中 {2}灯色 绿 {2}截止日期 \d{4}-\d{2}-\d{2}\n在办环节：\n {2}Accept#1 {2}住房和城乡建设局 受理/,
        );

        // The BPMN id of the department's one open task is enough (Accept#1 works too).
        const completed = await tongban(
          'case',
          'complete',
          'SG-1',
          '--task',
          'Accept',
          '--department',
          '住房和城乡建设局',
          '--outcome',
          'approve',
          '--opinion',
          '材料齐全',
          '--actor-id',
          '李受理',
          '--lang',
          'en',
        );
        expect(completed.code).toBe(0);
        expect(completed.stdout).toMatch(
          /^case SG-1: running {2}light green {2}last day \d{4}-\d{2}-\d{2}\nopen tasks:\n/,
        );
        expect(completed.stdout).toContain('FireReview#4  消防救援支队 消防审查  light green  last day ');

        interface Shown {
          status: string;
          lastDay: string;
          openTasks: { id: string; department: string; light: string; lastDay: string }[];
        }
        const shown = json<Shown>(await tongban('case', 'show', 'SG-1', '--json'));
        expect(shown.status).toBe('running');
        expect(shown.openTasks.map((t) => t.id).sort()).toEqual([
          'AirDefenceReview#5',
          'FireReview#4',
          'LeadReview#2',
          'PlanningReview#3',
        ]);
        expect(shown.openTasks.every((t) => t.light === 'green' && t.lastDay < shown.lastDay)).toBe(true);

        const worklist = json<{
          total: number;
          items: { caseId: string; lightFrom: string; task: { id: string } }[];
        }>(await tongban('worklist', '--department', '消防救援支队', '--json'));
        expect(worklist).toMatchObject({
          total: 1,
          items: [{ caseId: 'SG-1', lightFrom: 'task', task: { id: 'FireReview#4' } }],
        });
        const worklistText = await tongban('worklist', '--department', '消防救援支队');
        expect(worklistText.stdout).toContain('消防审查 (FireReview#4)  消防救援支队');

        // Any other command of the engine, as JSON, with the actor from the flags: 催办, then 挂起.
        const urged = await tongban(
          'case',
          'command',
          'SG-1',
          '--json',
          '{"type":"urge","department":"消防救援支队","message":"请于本周内反馈"}',
          '--actor-id',
          '张督查',
          '--actor-kind',
          'supervisor',
        );
        expect(urged.code).toBe(0);
        const suspended = await tongban(
          'case',
          'command',
          'SG-1',
          '--json',
          '{"type":"suspendCase","reason":"听证"}',
          '--actor-id',
          '王处长',
          '--actor-kind',
          'officer',
        );
        expect(suspended).toMatchObject({ code: 0, stdout: expect.stringMatching(/^办件 SG-1：挂起 /) });

        const events = json<{ seq: number; type: string }[]>(
          await tongban('case', 'events', 'SG-1', '--json'),
        );
        expect(events.map((e) => e.type)).toEqual(
          expect.arrayContaining(['case.started', 'task.completed', 'case.suspended']),
        );
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        const eventsText = await tongban('case', 'events', 'SG-1');
        expect(eventsText.stdout).toMatch(
          /^办件 SG-1 共 \d+ 条记录\n {2}1 {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}受理/,
        );

        const listed = json<{ total: number; items: { caseId: string }[] }>(
          await tongban('case', 'list', '--status', 'suspended,running', '--from', beijingDay(-1), '--json'),
        );
        expect(listed.items.map((c) => c.caseId)).toEqual(['SG-1']);
        expect(
          json<{ total: number }>(await tongban('case', 'list', '--status', 'completed', '--json')).total,
        ).toBe(0);

        const board = json<{ caseId: string }[]>(await tongban('board', '--json'));
        expect(board.map((c) => c.caseId)).toEqual(['SG-1']);
        const stats = json<{ key: string; received: number; completed: number }[]>(
          await tongban('stats', '--from', beijingDay(-1), '--to', beijingDay(1), '--json'),
        );
        expect(stats.find((row) => row.key === '住房和城乡建设局')).toMatchObject({ completed: 1 });
      },
      SLOW,
    );

    it(
      'refuses a command the case cannot take with one typed line, exit 1, without a stack trace',
      async () => {
        const wrongDepartment = await tongban(
          'case',
          'complete',
          'SG-1',
          '--task',
          'FireReview#4',
          '--department',
          '规划局',
          '--actor-id',
          'x',
        );
        expect(wrongDepartment.code).toBe(1);
        expect(lastLine(wrongDepartment)).toMatch(
          /^tongban: .*\((FORBIDDEN|TASK_NOT_OPEN|WRONG_CASE_STATE|WRONG_DEPARTMENT)\)$/,
        );

        const missing = await tongban('case', 'show', 'NO-SUCH-CASE');
        expect([missing.code, lastLine(missing)]).toEqual([1, expect.stringMatching(/\(NO_CASE\)$/)]);
        // The line speaks the reader's language: Chinese from the message catalogue, English as thrown.
        const inLocale = (locale: string) =>
          cliProcess(['case', 'show', 'NO-SUCH-CASE', ...(database?.() ?? [])], { LANG: locale, LC_ALL: '' });
        expect(lastLine(await inLocale('zh_CN.UTF-8'))).toBe(
          'tongban: 没有这个办件（NO-SUCH-CASE）。 (NO_CASE)',
        );
        expect(lastLine(await inLocale('en_US.UTF-8'))).toMatch(/^tongban: .*NO-SUCH-CASE.* \(NO_CASE\)$/);

        const unknownProcess = await tongban('case', 'start', 'NoSuchProcess', '--case-id', 'X-1');
        expect([unknownProcess.code, lastLine(unknownProcess)]).toEqual([
          1,
          expect.stringMatching(/\(NO_DEFINITION\)$/),
        ]);
      },
      SLOW,
    );
  });
}

describe('tongban case … usage errors', () => {
  it(
    'refuse bad input in one line, exit 2, before the database is opened',
    async () => {
      const parent = mkdtempSync(join(tmpdir(), 'tongban-case-usage-'));
      dirs.push(parent);
      const dataDir = join(parent, 'never-opened');
      const tongban = (...argv: string[]) => cliProcess([...argv, '--data-dir', dataDir]);
      const [badType, notJson, badKind, badStatus, noDepartment] = await Promise.all([
        tongban('case', 'command', 'SG-1', '--json', '{"type":"teleport"}'),
        tongban('case', 'command', 'SG-1', '--json', '{type:'),
        tongban('case', 'show', 'SG-1', '--actor-kind', 'x'),
        tongban('case', 'list', '--status', 'sleeping'),
        tongban('worklist'),
      ]);
      // Every command type of the engine's table is named, so every one is reachable.
      expect([badType.code, lastLine(badType)]).toEqual([
        2,
        expect.stringMatching(
          /^tongban: --json needs a `type`, one of: accept, .*, supervise, answerSupervision /,
        ),
      ]);
      expect([notJson.code, lastLine(notJson)]).toEqual([
        2,
        expect.stringMatching(/^tongban: --json is not JSON/),
      ]);
      expect(badKind.code).toBe(2); // show takes no actor: commander's own usage error
      expect([badStatus.code, lastLine(badStatus)]).toEqual([
        2,
        expect.stringMatching(/^tongban: --status takes pending, /),
      ]);
      expect([noDepartment.code, lastLine(noDepartment)]).toEqual([
        2,
        'tongban: worklist needs --department, --person, or both',
      ]);
      expect(existsSync(dataDir)).toBe(false);
    },
    SLOW,
  );
});

defineCaseCommands('a PGlite data directory', () => {
  if (dirs.length === 0) dirs.push(mkdtempSync(join(tmpdir(), 'tongban-case-cli-')));
  return ['--data-dir', join(dirs[0] ?? '', 'db')];
});
defineCaseCommands(
  DATABASE_URL === undefined ? postgresLabel : 'PostgreSQL',
  DATABASE_URL === undefined ? null : () => ['--database-url', scratch().url],
);

describe.skipIf(DATABASE_URL === undefined)('tongban case … on a PostgreSQL database never migrated', () => {
  it(
    'says to run tongban migrate, in one line',
    async () => {
      if (DATABASE_URL === undefined) return;
      const admin = await createPostgresStore({ connectionString: DATABASE_URL, max: 1 });
      const name = `tb_test_empty_${process.pid}_${Date.now()}`;
      try {
        if (admin.driver.kind !== 'postgres') throw new Error('expected PostgreSQL');
        await admin.driver.pool.query(`create database ${name}`);
        const url = new URL(DATABASE_URL);
        url.pathname = `/${name}`;
        const listed = await cliProcess(['case', 'list', '--database-url', url.toString()]);
        expect([listed.code, lastLine(listed)]).toEqual([
          1,
          'tongban: the database has no Tongban tables yet: run `tongban migrate` on it first (42P01)',
        ]);
      } finally {
        if (admin.driver.kind === 'postgres')
          await admin.driver.pool.query(`drop database if exists ${name} with (force)`);
        await admin.close();
      }
    },
    SLOW,
  );
});
