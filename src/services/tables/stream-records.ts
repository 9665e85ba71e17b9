/**
 * DynamoDB Streams records as Lambda receives them ("DynamoDB Streams and AWS Lambda triggers";
 * the `DynamoDBRecord` shape of @types/aws-lambda). Stored without SequenceNumber: the engine's
 * sequence, assigned at commit, is filled in when the record is read.
 */
import { randomUUID } from 'node:crypto';
import { type Item, itemSize } from './attribute-values';
import type { TablesContext } from './context';
import { streamArn } from './describe';
import type { TableSpec } from './table-spec';

export interface StreamRecordBody {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Item;
    NewImage?: Item;
    OldImage?: Item;
    SequenceNumber?: string;
    SizeBytes: number;
    StreamViewType: string;
  };
  eventSourceARN: string;
  userIdentity?: { type: string; principalId: string };
}

export function streamRecord(ctx: Pick<TablesContext, 'region' | 'accountId'>, spec: TableSpec, keys: Item, old: Item | undefined, next: Item | undefined, now: number, ttl = false): StreamRecordBody {
  const view = spec.stream!.viewType;
  const withNew = next && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES');
  const withOld = old && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES');
  const images = { Keys: keys, ...(withNew && { NewImage: next }), ...(withOld && { OldImage: old }) };
  return {
    eventID: randomUUID().replace(/-/g, ''),
    eventName: !old ? 'INSERT' : !next ? 'REMOVE' : 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: ctx.region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(now / 1000),
      ...images,
      SizeBytes: itemSize(keys) + (withNew ? itemSize(next) : 0) + (withOld ? itemSize(old) : 0),
      StreamViewType: view,
    },
    eventSourceARN: streamArn(ctx, spec.name),
    // TTL deletions are made by the service, and say so ("Using DynamoDB Streams and TTL").
    ...(ttl && { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } }),
  };
}

/** SequenceNumber as DynamoDB prints it: a decimal string of 21 digits or more. */
export const sequenceNumber = (seq: number) => String(seq).padStart(21, '0');
