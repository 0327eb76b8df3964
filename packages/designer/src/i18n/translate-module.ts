import { bpmnZh, fillTemplate } from './bpmn-translations.js';
import type { Language } from './messages.js';

/**
 * A diagram-js module replacing the `translate` service, so the palette, context pad, replace menu,
 * search and properties panel speak the chosen language. English is bpmn-js' own text.
 */
export function translateModule(language: Language): { translate: ['value', typeof fillTemplate] } {
  const translate = (template: string, replacements: Readonly<Record<string, string>> = {}): string =>
    fillTemplate(language === 'zh' ? (bpmnZh[template] ?? template) : template, replacements);
  return { translate: ['value', translate] };
}
