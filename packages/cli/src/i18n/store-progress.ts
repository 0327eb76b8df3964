import type { StoreOpenProgress } from '@tongban/adapters';
import type { ProgressText } from '../progress.js';

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/**
 * The CLI's progress line for a step of opening the embedded store, in both languages: the lines
 * come from the store's own `onProgress`, the same source an embedder gets.
 */
export function storeProgressText(progress: StoreOpenProgress): ProgressText {
  switch (progress.step) {
    case 'opening': {
      const where = progress.dataDir ?? 'memory://';
      return { 'zh-CN': `正在打开嵌入式数据库 ${where}…`, en: `opening the embedded database ${where}…` };
    }
    case 'opened':
      return {
        'zh-CN': `数据库已打开（${seconds(progress.ms)} 秒）`,
        en: `database open (${seconds(progress.ms)} s)`,
      };
    case 'migrating':
      return { 'zh-CN': '正在应用数据库迁移…', en: 'applying schema migrations…' };
    case 'migrated':
      if (progress.applied === 0) return { 'zh-CN': '数据库结构已是最新', en: 'schema is up to date' };
      return {
        'zh-CN': `已应用 ${progress.applied} 个迁移（${seconds(progress.ms)} 秒）`,
        en: `${progress.applied} migration(s) applied (${seconds(progress.ms)} s)`,
      };
  }
}
