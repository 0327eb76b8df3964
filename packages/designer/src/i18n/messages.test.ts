import { describe, expect, it } from 'vitest';
import { bpmnZh, fillTemplate } from './bpmn-translations.js';
import { initialLanguage, LANGUAGES, message, messageKeys } from './messages.js';
import { translateModule } from './translate-module.js';

describe('interface strings', () => {
  it('has every message in every language, each non-empty and placeholders alike', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of messageKeys()) {
      const zh = message('zh', key);
      const en = message('en', key);
      expect(zh, key).not.toBe('');
      expect(en, key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
    expect(LANGUAGES).toEqual(['zh', 'en']);
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(message('zh', 'status.problems', { errors: 2, warnings: 1 })).toBe('2 个错误，1 个警告');
    expect(message('en', 'status.problems', { errors: 2 })).toBe('2 errors, {warnings} warnings');
  });

  it('starts in Chinese unless English was chosen', () => {
    expect(initialLanguage(null)).toBe('zh');
    expect(initialLanguage('fr')).toBe('zh');
    expect(initialLanguage('en')).toBe('en');
  });

  it('translates bpmn-js strings to Chinese, with our terms over the community table', () => {
    const [, zh] = translateModule('zh').translate;
    const [, en] = translateModule('en').translate;
    expect(zh('Create start event')).toBe('创建开始事件');
    expect(zh('Exclusive gateway')).toBe('排他网关');
    expect(zh('Open {element}', { element: 'X' })).toBe(bpmnZh['Open {element}']?.replace('{element}', 'X'));
    expect(zh('Some string bpmn-js adds later')).toBe('Some string bpmn-js adds later');
    expect(en('Create start event')).toBe('Create start event');
    expect(fillTemplate('{a} and {b}', { a: '1' })).toBe('1 and {b}');
  });
});
