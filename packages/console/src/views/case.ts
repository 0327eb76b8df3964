import { html, nothing } from 'lit-html';
import { ref } from 'lit-html/directives/ref.js';
import { lastDayOf, light as lightOf, supervisionsOf, withDoneElements } from '../api/normalize.js';
import * as api from '../api/routes.js';
import { openStream } from '../api/stream.js';
import type { CaseEvent, CaseView, SupervisionOrder } from '../api/types.js';
import { eventWord } from '../i18n/events.js';
import { t } from '../i18n/index.js';
import { dash, dateTime, errorBox, formValues, lightBadge, loading, statusText } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';
import type { DiagramHandle } from './diagram.js';

/** What a timeline line says besides its type: the words people wrote, never variables. */
function detail(event: CaseEvent): string {
  const data = event.data;
  if (event.type === 'light.changed') {
    const to = lightOf(data.to);
    return to ? t(`light.${to}Long`) : '';
  }
  for (const name of ['opinion', 'message', 'reason', 'answer', 'outcome', 'to']) {
    const value = data[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}

export function timeline(events: readonly CaseEvent[]) {
  return html`<ol class="timeline">
    ${events.map(
      (event) => html`<li data-event=${event.type}>
        <time>${dateTime(event.at)}</time>
        <b>${eventWord(event.type)}</b>
        ${event.department ? html`<span class="dept">${event.department}</span>` : nothing}
        <span class="detail">${detail(event)}</span>
      </li>`,
    )}
  </ol>`;
}

export function supervisionList(orders: readonly SupervisionOrder[]) {
  if (orders.length === 0) return nothing;
  return html`<ul class="supervisions">
    ${orders.map((order) => {
      const lastDay = lastDayOf(order.dueAt) ?? '—';
      const state =
        order.answer !== null
          ? t('case.supervisionAnswered', { answer: order.answer })
          : order.overdue
            ? t('case.supervisionOverdue', { lastDay })
            : t('case.supervisionPending', { lastDay });
      return html`<li data-supervision=${order.supervisionId} data-answered=${String(order.answer !== null)}
        class=${order.overdue && order.answer === null ? 'overdue' : ''}>
        <b>${order.department}</b> ${order.message} — <span class="state">${state}</span></li>`;
    })}
  </ul>`;
}

/** 办件详情 for supervisors: summary, the diagram coloured by light, timeline, 催办 and 督办. */
export function caseView(ctx: ViewContext, caseId: string): View {
  let view: CaseView | null = null;
  let events: CaseEvent[] = [];
  let error: unknown = null;
  let notice: string | null = null;
  let diagram: DiagramHandle | null = null;
  let diagramError = false;
  let diagramHost: HTMLElement | null = null;
  let drawnFor = '';
  /** A case runs on one deployed version for good: its drawing is fetched once, not per light change. */
  let xmlOnce: Promise<string> | null = null;

  const draw = async (): Promise<void> => {
    if (!view || !diagramHost) return;
    const key = JSON.stringify(view.elementLights);
    if (key === drawnFor) return;
    drawnFor = key;
    try {
      xmlOnce ??= api.definitionXml(view.processId ?? '', view.definitionHash);
      const xml = await xmlOnce.catch((failure: unknown) => {
        xmlOnce = null; // a failed fetch is tried again on the next redraw
        throw failure;
      });
      diagram?.destroy();
      diagramHost.replaceChildren();
      const { showDiagram } = await import('./diagram.js');
      diagram = await showDiagram(diagramHost, xml, view.elementLights);
      diagramError = false;
    } catch (failure) {
      console.warn('diagram not shown', failure);
      diagramError = true;
    }
    ctx.rerender();
  };

  const load = async (): Promise<void> => {
    try {
      const [loaded, loadedEvents] = await Promise.all([api.caseView(caseId), api.caseEvents(caseId)]);
      events = loadedEvents;
      view = withDoneElements(loaded, loadedEvents);
      error = null;
    } catch (failure) {
      error = failure;
    }
    ctx.rerender();
    void draw();
  };
  void load();
  const stream = openStream((event) => {
    if (event.caseId === caseId) void load();
  });

  const send = async (body: Record<string, unknown>): Promise<void> => {
    try {
      await api.command(caseId, body);
      notice = t('case.sent');
      error = null;
      await load();
    } catch (failure) {
      error = failure;
      notice = null;
      ctx.rerender();
    }
  };
  const onUrge = (event: Event): void => {
    const values = formValues(event);
    void send({
      type: 'urge',
      message: values.message ?? '',
      ...(values.taskId ? { taskId: values.taskId } : {}),
    });
  };
  const onSupervise = (event: Event): void => {
    const values = formValues(event);
    void send({
      type: 'supervise',
      department: values.department ?? '',
      message: values.message ?? '',
      replyWithin: Number(values.replyWithin ?? '3'),
    });
  };

  return {
    dispose() {
      stream.close();
      diagram?.destroy();
    },
    template() {
      if (!view) return html`<section>${errorBox(error)}${error ? nothing : loading()}</section>`;
      const departments = [
        ...new Set(view.tasks.map((task) => task.department).filter((d): d is string => !!d)),
      ];
      const orders = supervisionsOf(events);
      return html`<section class="case" aria-labelledby="case-title">
        <header class="screen-head">
          <h1 id="case-title">${t('case.title', { caseId: view.caseId })}</h1>
          <a href="#/board">${t('case.back')}</a>
        </header>
        <dl class="summary">
          <div><dt>${t('case.matter')}</dt><dd>${dash(view.matterCode)}</dd></div>
          <div><dt>${t('case.status')}</dt><dd data-status=${view.status}>${statusText(view.status)}</dd></div>
          <div><dt>${t('case.light')}</dt><dd data-case-light=${view.light ?? 'none'}>${lightBadge(view.light, true)}</dd></div>
          <div><dt>${t('case.due')}</dt><dd>${dash(view.lastDay)}</dd></div>
        </dl>
        ${errorBox(error)} ${notice ? html`<p class="notice" role="status">${notice}</p>` : nothing}
        <div class="case-grid">
          <div>
            <h2>${t('case.diagram')}</h2>
            <div class="diagram" ${ref((el) => {
              if (el instanceof HTMLElement && el !== diagramHost) {
                diagramHost = el;
                drawnFor = '';
                void draw();
              }
            })}></div>
            ${diagramError ? html`<p class="muted">${t('case.noDiagram')}</p>` : nothing}
            <h2>${t('case.tasks')}</h2>
            <ul class="open-tasks">
              ${view.tasks.map(
                (task) => html`<li data-task-id=${task.taskId} data-light=${task.light ?? 'none'}>
                  ${lightBadge(task.light)} <b>${task.name ?? task.elementId}</b> ${dash(task.department)}
                  · ${dash(task.lastDay)}</li>`,
              )}
            </ul>
            <h2>${t('case.supervisions')}</h2>
            ${supervisionList(orders)}
          </div>
          <div>
            <form class="action" data-form="urge" @submit=${onUrge}>
              <fieldset><legend>${t('case.urge')}</legend>
                <label>${t('case.urgeTask')}<select name="taskId">
                  <option value="">${t('case.urgeWhole')}</option>
                  ${view.tasks.map((task) => html`<option value=${task.taskId}>${task.name ?? task.elementId} · ${dash(task.department)}</option>`)}
                </select></label>
                <label>${t('case.urgeMessage')}<textarea name="message" required rows="2"></textarea></label>
                <button type="submit">${t('case.urgeSend')}</button>
              </fieldset>
            </form>
            <form class="action" data-form="supervise" @submit=${onSupervise}>
              <fieldset><legend>${t('case.supervise')}</legend>
                <label>${t('case.superviseDepartment')}<select name="department" required>
                  ${departments.map((d) => html`<option value=${d}>${d}</option>`)}
                </select></label>
                <label>${t('case.superviseMessage')}<textarea name="message" required rows="2"></textarea></label>
                <label>${t('case.superviseWithin')}<input name="replyWithin" type="number" min="1" max="30" value="3" required /></label>
                <button type="submit">${t('case.superviseSend')}</button>
              </fieldset>
            </form>
            <h2>${t('case.timeline')}</h2>
            ${timeline(events)}
          </div>
        </div>
      </section>`;
    },
  };
}
