import { html, nothing } from 'lit-html';
import { ApiError } from '../api/client.js';
import * as api from '../api/routes.js';
import type { PublicCase } from '../api/types.js';
import { t } from '../i18n/index.js';
import { dash, errorBox, formValues, lightBadge, statusText } from '../ui/parts.js';
import type { View, ViewContext } from '../ui/view.js';

/**
 * 办件进度查询 for applicants: case number and 查询码, answered in plain words. It reads only the
 * public route, which carries no opinions, staff names or variables; a wrong code reads exactly
 * like an unknown case.
 */
export function publicView(ctx: ViewContext, initial: { caseId: string; code: string }): View {
  let result: PublicCase | null = null;
  let message: string | null = null;
  let error: unknown = null;
  let caseId = initial.caseId;
  let code = initial.code;

  const query = async (): Promise<void> => {
    try {
      result = await api.publicCase(caseId, code);
      message = null;
      error = null;
    } catch (failure) {
      result = null;
      if (failure instanceof ApiError && failure.status === 404) message = t('public.notFound');
      else if (failure instanceof ApiError && failure.status === 429) message = t('public.tooMany');
      else error = failure;
    }
    ctx.rerender();
  };
  if (caseId && code) void query();

  const plain = (found: PublicCase): string => {
    if (['completed', 'terminated', 'withdrawn', 'refused'].includes(found.status)) return t('public.done');
    if (found.light === 'red') return t('public.late');
    if (found.light === 'yellow') return t('public.nearDue');
    return t('public.onTime');
  };

  return {
    dispose() {},
    template() {
      return html`<section class="public" aria-labelledby="public-title">
        <h1 id="public-title">${t('public.title')}</h1>
        <form class="public-form" @submit=${(event: Event) => {
          const values = formValues(event);
          caseId = values.caseId ?? '';
          code = values.code ?? '';
          void query();
        }}>
          <label>${t('public.caseId')}<input name="caseId" required autocomplete="off" .value=${caseId} /></label>
          <label>${t('public.code')}<input name="code" required autocomplete="off" inputmode="text" .value=${code} /></label>
          <button type="submit">${t('public.submit')}</button>
        </form>
        ${message ? html`<p class="error" role="alert" data-public="not-found">${message}</p>` : nothing}
        ${errorBox(error)}
        ${
          result
            ? html`<div class="public-result" data-public="result" role="status">
          <p class="plain">${plain(result)}</p>
          <dl class="summary">
            <div><dt>${t('public.caseId')}</dt><dd>${result.caseId}</dd></div>
            ${result.matterName ? html`<div><dt>${t('public.matter')}</dt><dd>${result.matterName}</dd></div>` : nothing}
            <div><dt>${t('public.status')}</dt><dd>${statusText(result.status)}</dd></div>
            <div><dt>${t('public.promised')}</dt><dd>${dash(result.lastDay)}</dd></div>
          </dl>
          ${
            result.stages.length > 0
              ? html`<h2>${t('public.stages')}</h2><ul class="stages">${result.stages.map(
                  (stage) =>
                    html`<li>${stage.name} ${stage.light ? lightBadge(stage.light, true) : nothing}</li>`,
                )}</ul>`
              : nothing
          }
        </div>`
            : nothing
        }
      </section>`;
    },
  };
}
