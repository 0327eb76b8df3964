import type { Lang } from './lang.js';

/** What `tongban demo` prints around the timeline, per language; progress lines included. */
export interface DemoMessages {
  readonly title: (process: string, matter: string | null) => string;
  readonly limit: (days: number, version: string) => string;
  readonly opening: string;
  readonly opened: (seconds: string) => string;
  readonly running: (steps: number) => string;
  readonly finished: (seconds: string) => string;
  readonly result: (status: string, lastDay: string | null, light: string, events: number) => string;
  readonly chain: (ok: boolean) => string;
  readonly statistics: string;
}

const MESSAGES: Readonly<Record<Lang, DemoMessages>> = {
  'zh-CN': {
    title: (process, matter) => `${process}${matter ? `（${matter}）` : ''}`,
    limit: (days, version) => `承诺时限 ${days} 个工作日；定义版本 ${version}`,
    opening: '正在初始化嵌入式数据库（PGlite）…',
    opened: (s) => `数据库已就绪（${s} 秒），正在部署流程定义…`,
    running: (steps) => `正在办理演示办件（${steps} 步，定时器由定时任务触发）…`,
    finished: (s) => `办理完成（共 ${s} 秒）`,
    result: (status, lastDay, light, events) =>
      `结果：${status}${lastDay ? `，承诺期限 ${lastDay}` : ''}，灯色 ${light}，事件 ${events} 条`,
    chain: (ok) => `审计链：${ok ? '校验通过' : '校验失败'}（PGlite 内嵌数据库，每条命令一个事务）`,
    statistics: '效能统计（按部门）',
  },
  en: {
    title: (process, matter) => `${process}${matter ? ` (${matter})` : ''}`,
    limit: (days, version) => `promised limit ${days} working days; definition version ${version}`,
    opening: 'initialising the embedded database (PGlite)…',
    opened: (s) => `database ready (${s} s), deploying the process definition…`,
    running: (steps) => `running the demo case (${steps} steps, timers fired by the timer worker)…`,
    finished: (s) => `done (${s} s in all)`,
    result: (status, lastDay, light, events) =>
      `result: ${status}${lastDay ? `, last day ${lastDay}` : ''}, light ${light}, ${events} events`,
    chain: (ok) =>
      `audit chain: ${ok ? 'verified' : 'BROKEN'} (embedded PGlite database, one transaction per command)`,
    statistics: 'performance statistics (by department)',
  },
};

export const demoMessages = (lang: Lang): DemoMessages => MESSAGES[lang];
