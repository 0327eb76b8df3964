/**
 * Electronic supervision (电子监察): typed hooks, accountability rules, statistics and GB/T
 * 39046 exports, all pure functions over case events (no I/O; runs in the browser too).
 * @module
 */

export type { SupervisionKind } from '../model/supervision-kind.js';
export {
  BEIJING_OFFSET_MS,
  beijingDayStart,
  beijingLastDay,
  beijingQuarter,
  beijingTime,
} from './beijing.js';
export { type CsvOptions, type CsvValue, csvField, toCsv } from './csv.js';
export {
  CASE_COLUMNS,
  caseRecords,
  type ExportContext,
  type ExportRecord,
  SUPERVISION_COLUMNS,
  supervisionRecords,
  TASK_COLUMNS,
  taskRecords,
  WARNING_TYPE_CODES,
} from './export.js';
export { SUPERVISED_EVENT_TYPES, SUPERVISION_KINDS, supervisionKindOf } from './kinds.js';
export {
  leadDepartmentOf,
  type MatterRef,
  type PayloadContext,
  type Region,
  type SupervisionPayload,
  supervisionPayload,
  TIME_RULES,
} from './payload.js';
export {
  type AccountabilityCondition,
  type AccountabilityFiring,
  type AccountabilityOptions,
  type AccountabilityRule,
  AccountabilityRuleError,
  DEFAULT_ACCOUNTABILITY_RULES,
  evaluateAccountability,
  firingPayload,
  parseAccountabilityRules,
} from './rules.js';
export {
  computeStatistics,
  STATISTICS_COUNTERS,
  STATISTICS_EVENTS,
  type StatisticsDimension,
  type StatisticsQuery,
  type StatisticsRow,
  statisticsRow,
  totalStatistics,
} from './statistics.js';
export {
  type CaseEventSource,
  matchesFilter,
  Supervision,
  type SupervisionFilter,
  type SupervisionHandler,
} from './supervision.js';
