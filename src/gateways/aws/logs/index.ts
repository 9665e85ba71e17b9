/**
 * CloudWatch Logs over AWS JSON 1.1 (`X-Amz-Target: Logs_20140328.<Operation>`): enough for
 * `aws logs tail [--follow]`, `describe-log-groups`/`-streams`, `get-log-events`,
 * `filter-log-events` and applications that write their own logs.
 *
 * Not done yet: filter patterns other than plain terms and quoted phrases (JSON, space-delimited,
 * regex), retention, metric and subscription filters, tags, Insights queries, StartLiveTail.
 * Differs from AWS: storedBytes is 0; a stream created empty by CreateLogStream is kept in memory
 * until its first event; the 1 MB response cap of GetLogEvents/FilterLogEvents is not applied.
 */
import type { AwsServiceAdapter } from '../service';
import { LogCatalog, type LogsDeps } from './catalog';
import { createLogGroup, createLogStream, describeLogGroups, describeLogStreams } from './groups';
import { filterLogEvents, getLogEvents } from './events';
import { putLogEvents } from './put';

export function logsService(deps: LogsDeps): AwsServiceAdapter {
  const catalog = new LogCatalog(deps);
  return {
    signingName: 'logs',
    title: 'CloudWatch Logs',
    json: { targetPrefix: 'Logs_20140328', version: '1.1' },
    operations: {
      CreateLogGroup: (input) => createLogGroup(catalog, input),
      DescribeLogGroups: (input) => describeLogGroups(catalog, input),
      CreateLogStream: (input) => createLogStream(catalog, input),
      DescribeLogStreams: (input) => describeLogStreams(catalog, input),
      GetLogEvents: (input) => getLogEvents(catalog, input),
      FilterLogEvents: (input) => filterLogEvents(catalog, input),
      PutLogEvents: (input) => putLogEvents(catalog, input),
    },
  };
}
