import type { Lang } from './lang.js';

/** Everything `tongban serve` prints besides data, per language. */
export interface ServeMessages {
  readonly opening: string;
  readonly seeding: string;
  readonly listening: (url: string, workers: boolean) => string;
  readonly demoCases: string;
  readonly demoState: Readonly<Record<string, string>>;
  readonly tokens: (secret: boolean) => string;
  readonly curl: (url: string) => string;
  readonly stopped: (signal: string) => string;
  readonly noServer: string;
}

const MESSAGES: Readonly<Record<Lang, ServeMessages>> = {
  'zh-CN': {
    opening: '正在打开数据库…',
    seeding: '正在部署示例并演练演示办件…',
    listening: (url, workers) =>
      `tongban 服务已启动：${url}（接口 ${url}/api/v1，OpenAPI ${url}/api/v1/openapi.json）${workers ? '，定时与钩子任务在本进程运行' : '，未运行定时与钩子任务（--no-workers）'}`,
    demoCases: '演示办件（办件编号、状态、查询码）：',
    demoState: {
      green: '绿灯',
      yellow: '黄灯',
      red: '红灯（协办逾期）',
      supervised: '督办待回复',
      completed: '已办结',
      'at-window': '待受理',
    },
    tokens: (secret) =>
      secret
        ? '演示令牌（以 TONGBAN_JWT_SECRET 签发，12 小时有效）：'
        : '演示令牌（本次随机密钥签发，12 小时有效；设置 TONGBAN_JWT_SECRET 可固定）：',
    curl: (url) => `试一试：curl -H "Authorization: Bearer $TONGBAN_TOKEN_LEAD" ${url}/api/v1/worklist`,
    stopped: (signal) => `收到 ${signal}，服务已停止`,
    noServer: '未安装 @tongban/server：npm install @tongban/server 后再运行 tongban serve',
  },
  en: {
    opening: 'opening the database…',
    seeding: 'deploying the examples and playing the demo cases…',
    listening: (url, workers) =>
      `tongban serving on ${url} (API ${url}/api/v1, OpenAPI ${url}/api/v1/openapi.json)${workers ? '; timer and hook workers run in this process' : '; no workers (--no-workers)'}`,
    demoCases: 'demo cases (case, state, 查询码 query code):',
    demoState: {
      green: 'green',
      yellow: 'yellow',
      red: 'red (co-handlers overdue)',
      supervised: '督办 awaiting its answer',
      completed: 'completed',
      'at-window': 'waiting for 受理',
    },
    tokens: (secret) =>
      secret
        ? 'demo tokens (signed with TONGBAN_JWT_SECRET, valid 12 hours):'
        : 'demo tokens (signed with a random secret for this run, valid 12 hours; set TONGBAN_JWT_SECRET to keep one):',
    curl: (url) => `try: curl -H "Authorization: Bearer $TONGBAN_TOKEN_LEAD" ${url}/api/v1/worklist`,
    stopped: (signal) => `stopped on ${signal}`,
    noServer: '@tongban/server is not installed: npm install @tongban/server, then run tongban serve again',
  },
};

export const serveMessages = (lang: Lang): ServeMessages => MESSAGES[lang];
