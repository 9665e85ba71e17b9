/**
 * The DynamoDB Streams API over the engine's stream records (Amazon DynamoDB Streams API
 * Reference: ListStreams, DescribeStream, GetShardIterator, GetRecords). Each table's stream is
 * one shard, always open; iterators are opaque tokens that carry the position and expire after
 * 15 minutes, as DynamoDB's do. Records are those Lambda gets, minus eventSourceARN.
 */
import { requireTable, type TablesContext } from './context';
import { streamArn } from './describe';
import { TablesError, constraint, validation } from './errors';
import { sequenceNumber, type StreamRecordBody } from './stream-records';
import { STREAM_LABEL, type TableSpec } from './table-spec';

type Raw = Record<string, unknown>;
export const SHARD_ID = 'shardId-00000000000000000000-00000001';
const ITERATOR_TTL_MS = 15 * 60 * 1000;
const MAX_GET_RECORDS = 1000;

const streamNotFound = (arn: string) => new TablesError('ResourceNotFoundException', `Requested resource not found: Stream: ${arn} not found`);

interface Iterator {
  table: string;
  after: number;
  expires: number;
}

const encodeIterator = (i: Iterator) => Buffer.from(JSON.stringify(i)).toString('base64url');

function decodeIterator(token: unknown, now: number): Iterator {
  if (typeof token !== 'string' || token.length === 0) throw constraint(null, 'shardIterator', 'Member must not be null');
  let it: Iterator;
  try {
    it = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Iterator;
  } catch {
    throw validation('Invalid ShardIterator');
  }
  if (typeof it?.table !== 'string' || typeof it.after !== 'number' || typeof it.expires !== 'number') throw validation('Invalid ShardIterator');
  if (now > it.expires) throw new TablesError('ExpiredIteratorException', 'Iterator expired. The iterator was created more than 15 minutes ago.');
  return it;
}

export function createStreamsApi(ctx: TablesContext) {
  /** The table of a stream ARN, if it has a stream enabled. */
  async function streamTable(arn: unknown): Promise<TableSpec> {
    const text = typeof arn === 'string' ? arn : '';
    const m = /^arn:aws[\w-]*:dynamodb:[\w-]+:\d{12}:table\/([\w.-]+)\/stream\/(.+)$/.exec(text);
    if (!m) throw validation(`Invalid StreamArn`);
    const spec = await requireTable(ctx, m[1]).then((t) => t.spec, () => undefined);
    if (!spec?.stream || m[2] !== STREAM_LABEL) throw streamNotFound(text);
    return spec;
  }

  return {
    async listStreams(input: Raw) {
      const specs = (await ctx.store.listTables()).map((t) => JSON.parse(t.spec) as TableSpec).filter((s) => s.stream && (input.TableName === undefined || s.name === input.TableName));
      return { Streams: specs.map((s) => ({ StreamArn: streamArn(ctx, s.name), TableName: s.name, StreamLabel: STREAM_LABEL })) };
    },

    async describeStream(input: Raw) {
      const spec = await streamTable(input.StreamArn);
      const { createdAt } = await requireTable(ctx, spec.name);
      const first = (await ctx.store.readStream(spec.name, 0, 1))[0];
      return {
        StreamDescription: {
          StreamArn: streamArn(ctx, spec.name),
          StreamLabel: STREAM_LABEL,
          StreamStatus: 'ENABLED',
          StreamViewType: spec.stream!.viewType,
          CreationRequestDateTime: new Date(createdAt),
          TableName: spec.name,
          KeySchema: [{ AttributeName: spec.hash.name, KeyType: 'HASH' }, ...(spec.range ? [{ AttributeName: spec.range.name, KeyType: 'RANGE' }] : [])],
          Shards: [{ ShardId: SHARD_ID, SequenceNumberRange: { StartingSequenceNumber: sequenceNumber(first?.seq ?? 1) } }],
        },
      };
    },

    async getShardIterator(input: Raw) {
      const spec = await streamTable(input.StreamArn);
      if (input.ShardId !== SHARD_ID) throw new TablesError('ResourceNotFoundException', `Requested resource not found: Shard does not exist`);
      const type = input.ShardIteratorType;
      const seq = typeof input.SequenceNumber === 'string' && /^\d+$/.test(input.SequenceNumber) ? Number(input.SequenceNumber) : undefined;
      let after: number;
      if (type === 'TRIM_HORIZON') after = 0;
      else if (type === 'LATEST') after = await ctx.store.latestStreamSeq(spec.name);
      else if (type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER') {
        if (seq === undefined) throw validation('A SequenceNumber must be provided for AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER iterators');
        after = type === 'AT_SEQUENCE_NUMBER' ? seq - 1 : seq;
      } else throw constraint(type ?? null, 'shardIteratorType', 'Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]');
      return { ShardIterator: encodeIterator({ table: spec.name, after, expires: ctx.clock.now() + ITERATOR_TTL_MS }) };
    },

    async getRecords(input: Raw) {
      const it = decodeIterator(input.ShardIterator, ctx.clock.now());
      const limit = input.Limit === undefined ? MAX_GET_RECORDS : Number(input.Limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GET_RECORDS) throw constraint(input.Limit, 'limit', `Member must have value less than or equal to ${MAX_GET_RECORDS}`);
      const rows = await ctx.store.readStream(it.table, it.after, limit);
      const records = rows.map((r) => {
        const { eventSourceARN: _, ...body } = JSON.parse(r.record) as StreamRecordBody;
        return { ...body, dynamodb: { ...body.dynamodb, ApproximateCreationDateTime: new Date(body.dynamodb.ApproximateCreationDateTime * 1000), SequenceNumber: sequenceNumber(r.seq) } };
      });
      const next = rows.length > 0 ? rows[rows.length - 1].seq : it.after;
      return { Records: records, NextShardIterator: encodeIterator({ table: it.table, after: next, expires: ctx.clock.now() + ITERATOR_TTL_MS }) };
    },
  };
}
