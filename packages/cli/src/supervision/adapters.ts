// The adapters' supervision queries the CLI uses, in one place.
export {
  type BoardCase,
  type ExportWhat,
  exportColumns,
  exportRecords,
  queryBoard,
  queryStatistics,
} from '@tongban/adapters';
