export { type BoardCase, type BoardFilter, type BoardOptions, type BoardTask, queryBoard } from './board.js';
export { loadPayloadContext } from './context.js';
export { type ExportOptions, type ExportWhat, exportColumns, exportRecords } from './export.js';
export {
  signWebhookBody,
  supervisionHook,
  verifyWebhookSignature,
  type WebhookBody,
  type WebhookOptions,
  webhookHook,
} from './hooks.js';
export { queryStatistics, type StatisticsRequest } from './statistics.js';
