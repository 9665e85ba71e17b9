/** The logs service: writing Lambda's log lines in batches and reading them back for the CLI. */
export {
  createLogService,
  DEFAULT_FLUSH_INTERVAL_MS,
  MAX_PENDING_EVENTS,
  type LogService,
  type LogServiceOptions,
  type LogListener,
} from './service';
export { readLogs, FOLLOW_POLL_INTERVAL_MS, type ReadLogsOptions } from './read';
export { formatLogEvent, awsCliTimestamp, type FormatOptions } from './format';
export { parseSince, DEFAULT_SINCE } from './since';
export { parseFilterPattern, matchesFilter, type FilterPattern } from './filter-pattern';
export {
  startLine,
  endLine,
  reportLine,
  timeoutLine,
  billedDurationMs,
  lambdaLogGroupName,
  lambdaLogStreamName,
  type ReportFields,
} from './lambda-format';
