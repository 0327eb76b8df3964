import { readFileSync } from 'node:fs';
import { type CompiledDefinition, compileBpmn } from '@tongban/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Language, message } from '../i18n/messages.js';
import { stateLabel } from './state-labels.js';
import type { StateNodeLike } from './statechart.js';

const example = new URL('../../../../examples/construction-permit/construction-permit.bpmn', import.meta.url);

/** Every state's label, by state id, as the statechart view shows it. */
function labels(definition: CompiledDefinition, language: Language, names: Record<string, string>) {
  const host = {
    t: (key: Parameters<typeof message>[1], params?: Readonly<Record<string, string | number>>) =>
      message(language, key, params),
    nameOf: (id: string) => names[id] ?? null,
  };
  const out = new Map<string, string>();
  const walk = (node: StateNodeLike): void => {
    out.set(node.id, stateLabel(node, definition, host));
    for (const child of Object.values(node.states)) walk(child);
  };
  walk((definition.machine as unknown as { root: StateNodeLike }).root);
  return out;
}

describe('statechart labels', () => {
  let definition: CompiledDefinition;
  beforeAll(async () => {
    const compiled = await compileBpmn(readFileSync(example, 'utf8'), { provisional: true });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    definition = compiled.definition;
  });

  it('names states by their elements in Chinese, an unnamed one by what it is, never by a raw key', () => {
    const zh = labels(definition, 'zh', { FireReview: '消防审查', Fork: '并联审查' });
    expect(zh.get('n:FireReview')).toBe('消防审查');
    expect(zh.get('n:Join')).toBe('未命名的网关');
    expect(zh.get('n:LeadReview')).toBe('未命名的用户任务');
    expect(zh.get('b:Fork')).toBe('并联审查 · 并行阶段');
    expect(zh.get('case.body.Fork__block.r3')).toBe('分支 3');
    expect(zh.get('d:Fork:3')).toBe('本分支完成');
    expect(zh.get('case.body')).toBe('办理中');
    expect(zh.get('case.completed')).toBe('已办结');
    expect(zh.get('case')).toBe('建筑工程施工许可证核发');
    for (const label of zh.values()) expect(label).not.toMatch(/^(n|b|d|t):|^r\d+$|^done_\d+$|__block/);
  });

  it('speaks English on an English page', () => {
    const en = labels(definition, 'en', { FireReview: 'Fire review' });
    expect(en.get('n:FireReview')).toBe('Fire review');
    expect(en.get('n:Join')).toBe('Unnamed gateway');
    expect(en.get('case.body.Fork__block.r1')).toBe('Branch 1');
    expect(en.get('case.idle')).toBe('pending');
  });
});
