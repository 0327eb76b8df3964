import type { StatisticsDimension } from '@tongban/engine';
import { STATISTICS_HEADINGS, type StatisticsLabels } from '../format/statistics-table.js';
import type { Lang } from './lang.js';

type Column = (typeof STATISTICS_HEADINGS)[number][0];

interface StatsLanguage {
  readonly dimensions: Readonly<Record<StatisticsDimension, string>>;
  readonly headings: Readonly<Record<Column, string>>;
  readonly total: string;
  readonly unknown: string;
  readonly legendTitle: string;
  /** What each column counts: the figures are not self-explanatory (收件 of a department is tasks). */
  readonly legend: Readonly<Record<Column, string>>;
}

const LANGUAGES: Readonly<Record<Lang, StatsLanguage>> = {
  'zh-CN': {
    dimensions: { department: '部门', matter: '事项', staff: '人员', window: '窗口' },
    headings: Object.fromEntries(STATISTICS_HEADINGS) as Record<Column, string>,
    total: '合计',
    unknown: '(未知)',
    legendTitle: '说明',
    legend: {
      received: '期内受理的办件（按部门：期内开始的环节）',
      completed: '期内办结的办件（按部门、人员：办结的环节）',
      completedOnTime: '在截止日期内办结',
      completedEarly: '办结时时限尚余至少一个工作日',
      overdue: '超过截止日期办结',
      workingDaysOver: '逾期办结超出的工作日之和',
      averageWorkingDaysUsed: '有时限的办结平均用时（受理当日不计，挂起不计）',
      suspensions: '期内开始的挂起、特别程序和补正',
      extensions: '期内批准的延期',
      urges: '期内的催办',
      supervisions: '期内的督办',
    },
  },
  en: {
    dimensions: { department: 'department', matter: 'matter', staff: 'staff', window: 'window' },
    headings: {
      received: 'received',
      completed: 'completed',
      completedOnTime: 'on time',
      completedEarly: 'early',
      overdue: 'overdue',
      workingDaysOver: 'days over',
      averageWorkingDaysUsed: 'avg days',
      suspensions: 'suspended',
      extensions: 'extended',
      urges: 'urged',
      supervisions: 'supervised',
    },
    total: 'total',
    unknown: '(unknown)',
    legendTitle: 'Legend',
    legend: {
      received: 'cases accepted in the period (by department: tasks opened)',
      completed: 'cases decided in the period (by department or staff: tasks completed)',
      completedOnTime: 'completed by the last day',
      completedEarly: 'completed with at least one working day of the limit left',
      overdue: 'completed after the last day',
      workingDaysOver: 'working days past the last day, summed over overdue completions',
      averageWorkingDaysUsed:
        'average working days used by timed completions (acceptance day and suspensions not counted)',
      suspensions: 'suspensions, special procedures and requests for materials started',
      extensions: 'extensions granted',
      urges: 'urges (催办) given',
      supervisions: 'supervisions (督办) given',
    },
  },
};

/** The table's words in `lang`, for the engine's formatStatistics. */
export function statisticsLabels(by: StatisticsDimension, lang: Lang): StatisticsLabels {
  const language = LANGUAGES[lang];
  return {
    by: language.dimensions[by],
    headings: STATISTICS_HEADINGS.map(([name]) => language.headings[name]),
    total: language.total,
    unknown: language.unknown,
  };
}

/** Lines after the table saying what each column counts. */
export function statisticsLegend(lang: Lang): string {
  const language = LANGUAGES[lang];
  const lines = STATISTICS_HEADINGS.map(([name]) => `  ${language.headings[name]}: ${language.legend[name]}`);
  return `${language.legendTitle}:\n${lines.join('\n')}\n`;
}
