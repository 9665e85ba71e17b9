/**
 * CreateLogGroup, DescribeLogGroups, CreateLogStream, DescribeLogStreams (CloudWatch Logs API
 * Reference). Pages are at most 50 items; nextToken is opaque (an offset here).
 */
import { AwsError } from '../errors';
import { InputReader, type Input } from '../input';
import type { LogCatalog, StreamView } from './catalog';
import { groupNameOf } from './names';

export const MAX_DESCRIBE_LIMIT = 50;
const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;

export async function createLogGroup(catalog: LogCatalog, input: Input) {
  const name = new InputReader(input, 'InvalidParameterException').requiredString('logGroupName');
  if (!GROUP_NAME.test(name)) throw new AwsError('InvalidParameterException', `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`);
  if (await catalog.findGroup(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  await catalog.deps.store.createGroup(name);
  return {};
}

export async function describeLogGroups(catalog: LogCatalog, input: Input) {
  const read = new InputReader(input, 'InvalidParameterException');
  const prefix = read.string('logGroupNamePrefix');
  const pattern = read.string('logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined) throw read.fail('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  const limit = read.number('limit', { min: 1, max: MAX_DESCRIBE_LIMIT }) ?? MAX_DESCRIBE_LIMIT;
  await catalog.settle();
  const groups = (await catalog.deps.store.groups(prefix ?? '')).filter((g) => pattern === undefined || g.name.includes(pattern));
  const { page, nextToken } = paginate(groups, read.string('nextToken'), limit);
  return {
    logGroups: page.map((g) => ({
      logGroupName: g.name,
      creationTime: g.createdAt,
      metricFilterCount: 0,
      arn: `${catalog.groupArn(g.name)}:*`,
      storedBytes: 0,
      logGroupClass: 'STANDARD',
      logGroupArn: catalog.groupArn(g.name),
    })),
    nextToken,
  };
}

export async function createLogStream(catalog: LogCatalog, input: Input) {
  const read = new InputReader(input, 'InvalidParameterException');
  const group = read.requiredString('logGroupName');
  const stream = read.requiredString('logStreamName');
  if (!STREAM_NAME.test(stream)) throw read.fail(`1 validation error detected: Value '${stream}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*`);
  await catalog.settle();
  await catalog.createStream(group, stream);
  return {};
}

export async function describeLogStreams(catalog: LogCatalog, input: Input) {
  const read = new InputReader(input, 'InvalidParameterException');
  const group = groupNameOf(read);
  const prefix = read.string('logStreamNamePrefix');
  const orderBy = read.string('orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') throw read.fail(`1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`);
  if (orderBy === 'LastEventTime' && prefix !== undefined) throw read.fail('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const descending = read.boolean('descending') ?? false;
  const limit = read.number('limit', { min: 1, max: MAX_DESCRIBE_LIMIT }) ?? MAX_DESCRIBE_LIMIT;
  await catalog.settle();
  await catalog.requireGroup(group);
  const streams = (await catalog.streams(group)).filter((s) => prefix === undefined || s.name.startsWith(prefix));
  streams.sort(orderBy === 'LastEventTime' ? byLastEvent : byName);
  if (descending) streams.reverse();
  const { page, nextToken } = paginate(streams, read.string('nextToken'), limit);
  return { logStreams: page.map((s) => streamView(catalog, group, s)), nextToken };
}

function streamView(catalog: LogCatalog, group: string, s: StreamView) {
  return {
    logStreamName: s.name,
    creationTime: s.creationTime,
    firstEventTimestamp: s.firstEventTimestamp,
    lastEventTimestamp: s.lastEventTimestamp,
    lastIngestionTime: s.lastEventTimestamp,
    uploadSequenceToken: '49039859613988222111111111111111111111111111111111111111',
    arn: `${catalog.groupArn(group)}:log-stream:${s.name}`,
    storedBytes: 0,
  };
}

const byName = (a: StreamView, b: StreamView) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byLastEvent = (a: StreamView, b: StreamView) => (a.lastEventTimestamp ?? a.creationTime) - (b.lastEventTimestamp ?? b.creationTime) || byName(a, b);

function paginate<T>(items: T[], token: string | undefined, limit: number): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (token !== undefined) {
    const parsed = /^o\/(\d{1,9})$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!parsed) throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
    offset = Number(parsed[1]);
  }
  const page = items.slice(offset, offset + limit);
  const next = offset + page.length;
  return { page, nextToken: next < items.length ? Buffer.from(`o/${next}`).toString('base64') : undefined };
}
