import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError } from '../api/client.js';
import type { Light } from '../api/types.js';
import { language, type MessageKey, t, tOr } from '../i18n/index.js';

/** A light as a coloured dot AND a word, so colour is never the only signal. */
export function lightBadge(light: Light | null, long = false): TemplateResult {
  const name = light ?? 'none';
  const key = (light && long ? `light.${light}Long` : `light.${name}`) as MessageKey;
  return html`<span class="light light-${name}" data-light=${name}><span class="dot" aria-hidden="true"></span>${t(key)}</span>`;
}

export function statusText(status: string): string {
  return tOr(`status.${status}`, status);
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** An instant as people in the centre read it (Beijing time). */
export function dateTime(at: number | null): string {
  if (at === null) return '—';
  const lang = language();
  let format = formats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(lang, format);
  }
  return format.format(new Date(at));
}

export function dash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** What went wrong, in the console's words (the server's message carries the detail). */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return t('error.signIn');
    if (error.status === 403) return t('error.forbidden', { message: `${error.code} ${error.message}` });
    if (error.status === 404) return t('error.notFound', { message: error.message });
    return t('error.generic', { message: `${error.code} ${error.message}` });
  }
  return t('error.generic', { message: error instanceof Error ? error.message : String(error) });
}

export function errorBox(error: unknown): TemplateResult | typeof nothing {
  return error === null || error === undefined
    ? nothing
    : html`<p class="error" role="alert">${errorText(error)}</p>`;
}

export const loading = (): TemplateResult =>
  html`<p class="loading" aria-busy="true">${t('common.loading')}</p>`;

/** Reads a form's named fields as strings. */
export function formValues(event: Event): Record<string, string> {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value.trim();
  return values;
}
