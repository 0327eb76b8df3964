import { html, nothing, type TemplateResult } from 'lit-html';
import { supervisionsOf } from '../api/normalize.js';
import * as api from '../api/routes.js';
import { openStream } from '../api/stream.js';
import type { CaseEvent, CaseView } from '../api/types.js';
import { session } from '../auth/session.js';
import { t } from '../i18n/index.js';
import { dash, errorBox, formValues, lightBadge, loading, statusText } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';
import { supervisionList, timeline } from './case.js';

/**
 * 办理: one task of the signed-in department — materials, the case timeline, and every action a
 * department takes on its task (办结 with an opinion, 驳回, 补正, 转办, 委派, 签收), plus answering a
 * 督办 addressed to it. The server decides who may; the page only offers what it may send.
 */
export function taskView(ctx: ViewContext, caseId: string, taskId: string): View {
  const department = session.claims()?.department ?? '';
  let view: CaseView | null = null;
  let events: CaseEvent[] = [];
  let error: unknown = null;
  let notice: string | null = null;

  const load = async (): Promise<void> => {
    try {
      [view, events] = await Promise.all([api.caseView(caseId), api.caseEvents(caseId)]);
      error = null;
    } catch (failure) {
      error = failure;
      view = null;
    }
    ctx.rerender();
  };
  void load();
  const stream = openStream((event) => {
    if (event.caseId === caseId) void load();
  });

  const send = (build: (values: Record<string, string>) => Record<string, unknown>) => (event: Event) => {
    const values = formValues(event);
    const form = event.currentTarget as HTMLFormElement;
    void (async () => {
      try {
        await api.command(caseId, build(values));
        notice = t('task.done');
        error = null;
        form.reset();
      } catch (failure) {
        error = failure;
        notice = null;
      }
      await load();
    })();
  };
  const base = () => ({ taskId, department });

  const action = (
    name: string,
    legend: string,
    body: TemplateResult,
    submit: string,
    handler: (e: Event) => void,
  ) =>
    html`<details class="action" data-action=${name}><summary>${legend}</summary>
      <form @submit=${handler}>${body}<button type="submit">${submit}</button></form></details>`;

  return {
    dispose: () => stream.close(),
    template() {
      if (!view) return html`<section>${errorBox(error)}${error ? nothing : loading()}</section>`;
      const task = view.tasks.find((open) => open.taskId === taskId) ?? null;
      const mine = task !== null && task.department === department;
      const orders = supervisionsOf(events).filter((o) => o.department === department);
      const pending = orders.filter((o) => o.answer === null);
      return html`<section class="task" aria-labelledby="task-title">
        <header class="screen-head">
          <h1 id="task-title">${t('task.title', { name: task?.name ?? task?.elementId ?? taskId })}</h1>
          <a href="#/worklist">${t('case.back')}</a>
        </header>
        <dl class="summary">
          <div><dt>${t('board.col.case')}</dt><dd>${view.caseId}</dd></div>
          <div><dt>${t('case.matter')}</dt><dd>${dash(view.matterCode)}</dd></div>
          <div><dt>${t('case.status')}</dt><dd>${statusText(view.status)}</dd></div>
          <div><dt>${t('board.col.light')}</dt><dd data-task-light=${task?.light ?? 'none'}>${lightBadge(task?.light ?? null, true)}</dd></div>
          <div><dt>${t('board.col.due')}</dt><dd>${dash(task?.lastDay)}</dd></div>
        </dl>
        ${errorBox(error)} ${notice ? html`<p class="notice" role="status">${notice}</p>` : nothing}
        ${pending.length > 0 || orders.length > 0 ? html`<h2>${t('case.supervisions')}</h2>${supervisionList(orders)}` : nothing}
        ${pending.map((order) =>
          action(
            'answer',
            t('task.answer'),
            html`<input type="hidden" name="supervisionId" value=${order.supervisionId} />
              <label>${t('task.answerText')}<textarea name="answer" required rows="2"></textarea></label>`,
            t('task.answerSend'),
            send((v) => ({
              type: 'answerSupervision',
              supervisionId: v.supervisionId ?? '',
              department,
              answer: v.answer ?? '',
            })),
          ),
        )}
        <div class="case-grid">
          <div>
            ${
              mine
                ? html`<div class="actions" role="group" aria-label=${t('task.opinion')}>
              <form class="action complete" data-action="complete"
                @submit=${send((v) => ({ type: 'completeTask', ...base(), opinion: v.opinion ?? '', ...(v.outcome ? { outcome: v.outcome } : {}) }))}>
                <label>${t('task.opinion')}<textarea name="opinion" required rows="3"></textarea></label>
                <label>${t('task.outcome')}<select name="outcome">
                  <option value="">—</option>
                  <option value="approved">${t('task.approve')}</option>
                  <option value="denied">${t('task.deny')}</option></select></label>
                <button type="submit">${t('task.complete')}</button>
              </form>
              ${action(
                'claim',
                t('task.claim'),
                html``,
                t('task.claim'),
                send(() => ({ type: 'claimTask', ...base() })),
              )}
              ${action(
                'reject',
                t('task.reject'),
                html`<label>${t('task.rejectTo')}<select name="to">
                    <option value="previous">${t('task.rejectPrevious')}</option>
                    <option value="applicant">${t('task.rejectApplicant')}</option></select></label>
                  <label>${t('task.reason')}<textarea name="reason" required rows="2"></textarea></label>`,
                t('task.reject'),
                send((v) => ({
                  type: 'reject',
                  ...base(),
                  to: v.to === 'applicant' ? 'applicant' : 'previous',
                  reason: v.reason ?? '',
                })),
              )}
              ${action(
                'supplement',
                t('task.supplement'),
                html`<label>${t('task.supplementItems')}<textarea name="items" rows="3"></textarea></label>
                  <label>${t('task.reason')}<textarea name="reason" required rows="2"></textarea></label>`,
                t('task.supplement'),
                send((v) => ({
                  type: 'requestSupplement',
                  ...base(),
                  reason: v.reason ?? '',
                  items: (v.items ?? '')
                    .split('\n')
                    .map((s) => s.trim())
                    .filter(Boolean),
                })),
              )}
              ${action(
                'transfer',
                t('task.transfer'),
                html`<label>${t('task.transferTo')}<input name="to" required /></label>
                  <label>${t('task.reason')}<textarea name="reason" required rows="2"></textarea></label>`,
                t('task.transfer'),
                send((v) => ({ type: 'transferTask', ...base(), to: v.to ?? '', reason: v.reason ?? '' })),
              )}
              ${action(
                'delegate',
                t('task.delegate'),
                html`<label>${t('task.delegateTo')}<input name="to" required /></label>
                  <label>${t('task.reason')}<textarea name="reason" rows="2"></textarea></label>`,
                t('task.delegate'),
                send((v) => ({
                  type: 'delegateTask',
                  ...base(),
                  to: v.to ?? '',
                  ...(v.reason ? { reason: v.reason } : {}),
                })),
              )}
            </div>`
                : task !== null
                  ? html`<p class="error" role="alert" data-not-yours="true">
                      ${t('task.notYours', { department: task.department ?? '—' })}</p>`
                  : html`<p class="muted" data-closed="true">${t('task.closed')}</p>`
            }
            <h2>${t('task.materials')}</h2>
            ${
              view.materials.length === 0
                ? html`<p class="muted">${t('task.noMaterials')}</p>`
                : html`<ul class="materials">${view.materials.map((m) => html`<li>${m}</li>`)}</ul>`
            }
          </div>
          <div><h2>${t('case.timeline')}</h2>${timeline(events)}</div>
        </div>
      </section>`;
    },
  };
}
