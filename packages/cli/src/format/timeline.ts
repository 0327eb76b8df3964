import { type CaseEvent, formatInstant, type ProcessModel } from '@tongban/engine';
import pc from 'picocolors';
import type { Lang } from '../i18n/lang.js';
import { timelineWords } from '../i18n/timeline-messages.js';

const LIGHT: Record<string, (s: string) => string> = { green: pc.green, yellow: pc.yellow, red: pc.red };

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
export function readableLine(model: ProcessModel, event: CaseEvent, lang: Lang = 'zh-CN'): string | null {
  const w = timelineWords(lang);
  const d = event.data ?? {};
  const who = event.department
    ? `${event.department}${event.role ? (lang === 'en' ? ` (${w.role[event.role] ?? event.role})` : `（${w.role[event.role] ?? event.role}）`) : ''}`
    : '';
  const task = nameOf(model, event.elementId);
  const due = typeof d.dueAt === 'number' ? `  ${w.due} ${shortTime(d.dueAt - 1).slice(0, 10)}` : '';
  const opinion = typeof d.opinion === 'string' ? `  ${w.opinion}${d.opinion}` : '';
  const time = pc.dim(shortTime(event.at));
  switch (event.type) {
    case 'case.started':
      return `${time}  ${pc.bold(w.accepted)}  ${w.caseWord} ${event.caseId}${due}`;
    case 'task.opened':
      return `${time}  ${w.opened}  ${task} → ${who}${due}`;
    case 'task.completed':
      return `${time}  ${w.completed}  ${task} ← ${who}  ${w.outcome[String(d.outcome)] ?? String(d.outcome ?? w.done)}${opinion}`;
    case 'task.cancelled':
      return `${time}  ${pc.dim(`${w.cancelled}  ${task} ← ${who}`)}`;
    case 'gateway.taken':
      return d.default === true
        ? null
        : `${time}  ${w.routed}  ${task}${lang === 'en' ? ': ' : '：'}${flowName(model, String(d.flow))}`;
    case 'message.received':
      return `${time}  ${w.received}  ${String(d.name)}`;
    case 'timer.fired':
      return `${time}  ${w.timer}  ${task}`;
    case 'light.changed': {
      const to = String(d.to);
      const color = LIGHT[to] ?? ((s: string) => s);
      const scope = d.clock === 'case' ? w.caseWord : `${task} ${who}`;
      return `${time}  ${color(`${w.light[to] ?? to}`)}  ${scope}  ${w.workingDaysLeft(String(d.remainingWorkingDays))}`;
    }
    case 'task.timedOut':
      return `${time}  ${pc.red(w.timedOut)}  ${task} ${who}  ${d.action === 'agree' ? w.deemedAgreed : w.autoRejected}`;
    case 'task.urged':
      return `${time}  ${pc.yellow(w.urged)}  ${task} → ${who}  ${String(d.message ?? '')}`;
    case 'case.supervised':
      return `${time}  ${pc.yellow(w.supervised)}  ${event.department ?? ''}  ${String(d.message ?? '')}  ${w.replyBy} ${typeof d.dueAt === 'number' ? shortTime(d.dueAt - 1).slice(0, 10) : ''}`;
    case 'supervision.overdue':
      return `${time}  ${pc.red(w.supervisionOverdue)}  ${event.department ?? ''}  ${String(d.message ?? '')}`;
    case 'supervision.answered':
      return `${time}  ${w.supervisionAnswered}  ${event.department ?? ''}  ${String(d.answer ?? '')}${d.late === true ? pc.red(w.lateAnswer) : ''}`;
    case 'supplement.requested':
      return `${time}  ${w.supplementRequested}  ${task} ← ${who}  ${String(d.reason ?? '')}`;
    case 'supplement.supplied':
      return `${time}  ${w.supplementSupplied}`;
    case 'supplement.cancelled':
      return `${time}  ${pc.dim(`${w.supplementCancelled}  ${task} ${who}  ${d.cause === 'caseEnded' ? w.caseEnded : w.taskCancelled}`)}`;
    case 'service.requested':
      return `${time}  ${w.serviceCalled}  ${task}`;
    case 'case.completed':
      return `${time}  ${pc.bold(w.caseCompleted)}  ${w.caseWord} ${event.caseId}`;
    case 'case.withdrawn':
      return `${time}  ${pc.bold(w.caseWithdrawn)}  ${w.caseWord} ${event.caseId}`;
    case 'case.terminated':
      return `${time}  ${pc.bold(w.caseTerminated)}  ${w.caseWord} ${event.caseId}`;
    case 'case.failed':
      return `${time}  ${pc.red(w.caseFailed)}  ${task} ${String(d.errorCode ?? '')}`;
    default:
      return `${time}  ${event.type}  ${task} ${who}`;
  }
}
