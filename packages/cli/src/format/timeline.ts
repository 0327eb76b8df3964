import { type CaseEvent, formatInstant, type ProcessModel } from '@tongban/engine';
import pc from 'picocolors';

const LIGHT: Record<string, (s: string) => string> = { green: pc.green, yellow: pc.yellow, red: pc.red };
const LIGHT_NAME: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
const ROLE: Record<string, string> = { lead: '牵头', co: '协办' };
const OUTCOME: Record<string, string> = {
  approve: '同意',
  reject: '不同意',
  return: '退回',
  deny: '不予许可',
};

/** `2026-02-09 09:30` in Beijing time. */
export function shortTime(at: number): string {
  return formatInstant(at).slice(0, 16).replace('T', ' ');
}

function flowName(model: ProcessModel, flowId: string): string {
  const find = (scope: ProcessModel['root']): string | null => {
    const flow = scope.flows[flowId];
    if (flow) return flow.name ?? flow.id;
    for (const node of Object.values(scope.nodes)) {
      if (node.kind === 'subProcess') {
        const inner = find(node.scope);
        if (inner) return inner;
      }
    }
    return null;
  };
  return find(model.root) ?? flowId;
}

function nameOf(model: ProcessModel, elementId: string | null | undefined): string {
  if (!elementId) return '';
  const find = (scope: ProcessModel['root']): string | null => {
    for (const node of Object.values(scope.nodes)) {
      if (node.id === elementId) return node.name ?? node.id;
      if (node.kind === 'subProcess') {
        const inner = find(node.scope);
        if (inner) return inner;
      }
    }
    return null;
  };
  return find(model.root) ?? elementId;
}

/** One readable line per event, for people (the demo); `tongban simulate` prints JSON instead. */
export function readableLine(model: ProcessModel, event: CaseEvent): string | null {
  const d = event.data ?? {};
  const who = event.department
    ? `${event.department}${event.role ? `（${ROLE[event.role] ?? event.role}）` : ''}`
    : '';
  const task = nameOf(model, event.elementId);
  const due = typeof d.dueAt === 'number' ? `  期限 ${shortTime(d.dueAt - 1).slice(0, 10)}` : '';
  const opinion = typeof d.opinion === 'string' ? `  意见：${d.opinion}` : '';
  const time = pc.dim(shortTime(event.at));
  switch (event.type) {
    case 'case.started':
      return `${time}  ${pc.bold('受理')}  办件 ${event.caseId}${due}`;
    case 'task.opened':
      return `${time}  待办  ${task} → ${who}${due}`;
    case 'task.completed':
      return `${time}  办理  ${task} ← ${who}  ${OUTCOME[String(d.outcome)] ?? String(d.outcome ?? '完成')}${opinion}`;
    case 'task.cancelled':
      return `${time}  ${pc.dim(`撤销  ${task} ← ${who}`)}`;
    case 'gateway.taken':
      return d.default === true ? null : `${time}  流转  ${task}：${flowName(model, String(d.flow))}`;
    case 'message.received':
      return `${time}  收到  ${String(d.name)}`;
    case 'timer.fired':
      return `${time}  定时  ${task}`;
    case 'light.changed': {
      const to = String(d.to);
      const color = LIGHT[to] ?? ((s: string) => s);
      const scope = d.clock === 'case' ? '办件' : `${task} ${who}`;
      return `${time}  ${color(`${LIGHT_NAME[to] ?? to}`)}  ${scope}  剩余 ${String(d.remainingWorkingDays)} 个工作日`;
    }
    case 'task.timedOut':
      return `${time}  ${pc.red('逾期处理')}  ${task} ${who}  ${d.action === 'agree' ? '视为同意' : '自动驳回'}`;
    case 'task.urged':
      return `${time}  ${pc.yellow('催办')}  ${task} → ${who}  ${String(d.message ?? '')}`;
    case 'case.supervised':
      return `${time}  ${pc.yellow('督办')}  ${event.department ?? ''}  ${String(d.message ?? '')}  答复期限 ${typeof d.dueAt === 'number' ? shortTime(d.dueAt - 1).slice(0, 10) : ''}`;
    case 'supervision.overdue':
      return `${time}  ${pc.red('督办逾期')}  ${event.department ?? ''}  ${String(d.message ?? '')}`;
    case 'supervision.answered':
      return `${time}  督办答复  ${event.department ?? ''}  ${String(d.answer ?? '')}${d.late === true ? pc.red('（逾期答复）') : ''}`;
    case 'supplement.requested':
      return `${time}  补正告知  ${task} ← ${who}  ${String(d.reason ?? '')}`;
    case 'supplement.supplied':
      return `${time}  补正材料已提交`;
    case 'supplement.cancelled':
      return `${time}  ${pc.dim(`补正告知失效  ${task} ${who}  ${d.cause === 'caseEnded' ? '办件已结束' : '环节已撤销'}`)}`;
    case 'service.requested':
      return `${time}  调用  ${task}`;
    case 'case.completed':
      return `${time}  ${pc.bold('办结')}  办件 ${event.caseId}`;
    case 'case.withdrawn':
      return `${time}  ${pc.bold('撤回')}  办件 ${event.caseId}`;
    case 'case.terminated':
      return `${time}  ${pc.bold('终止')}  办件 ${event.caseId}`;
    case 'case.failed':
      return `${time}  ${pc.red('异常')}  ${task} ${String(d.errorCode ?? '')}`;
    default:
      return `${time}  ${event.type}  ${task} ${who}`;
  }
}
