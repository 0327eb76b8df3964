export {
  type BoardCase,
  type BoardCountOptions,
  type BoardFilter,
  type BoardOptions,
  type BoardTask,
  type BoardTotals,
  countBoard,
  queryBoard,
} from './board.js';
export { loadPayloadContext } from './context.js';
export { type ExportOptions, type ExportWhat, exportColumns, exportRecords } from './export.js';
export {
  signWebhookBody,
  supervisionHook,
  verifyWebhookSignature,
  type WebhookBody,
  type WebhookOptions,
  type WebhookVerifyOptions,
  webhookHook,
} from './hooks.js';
export {
  type RollUpOptions,
  type RollUpProgress,
  type RollUpResult,
  readWatermark,
  resetStatisticsRollup,
  rollUpStatistics,
} from './rollup.js';
export { StatisticsRollupWorker, type StatisticsRollupWorkerOptions } from './rollup-worker.js';
export { queryStatistics, type StatisticsRequest, wholeDays } from './statistics.js';
