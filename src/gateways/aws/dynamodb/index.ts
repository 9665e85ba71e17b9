/**
 * DynamoDB on the edge port: AWS JSON 1.0, `X-Amz-Target: DynamoDB_20120810.<Operation>`, errors
 * as `{"__type": "com.amazonaws.dynamodb.v20120810#<Code>", "message": …}` with the extra members
 * DynamoDB adds (CancellationReasons, Item). Every operation is a tables-service method.
 *
 * Not done yet: PartiQL (ExecuteStatement & co.), backups and restores, global tables, import /
 * export, Kinesis streaming destinations, resource policies, DescribeEndpoints,
 * ReturnItemCollectionMetrics. The Streams API is its own adapter (streams.ts). The legacy
 * parameters (Expected, AttributeUpdates, KeyConditions, Query/ScanFilter) work, as expressions do.
 * Differs on purpose: no x-amz-crc32 header (clients check it only when present); tables and
 * indexes are ACTIVE at once; capacity is reported but never throttled; UnprocessedItems and
 * UnprocessedKeys are always empty; request bodies are capped by the edge at 8 MB (DynamoDB: 16 MB).
 */
import type { TableService } from '../../../services/tables';
import type { AwsServiceAdapter, Operation } from '../service';

const METHODS = {
  CreateTable: 'createTable',
  DescribeTable: 'describeTable',
  ListTables: 'listTables',
  DeleteTable: 'deleteTable',
  UpdateTable: 'updateTable',
  UpdateTimeToLive: 'updateTimeToLive',
  DescribeTimeToLive: 'describeTimeToLive',
  TagResource: 'tagResource',
  UntagResource: 'untagResource',
  ListTagsOfResource: 'listTagsOfResource',
  GetItem: 'getItem',
  PutItem: 'putItem',
  UpdateItem: 'updateItem',
  DeleteItem: 'deleteItem',
  Query: 'query',
  Scan: 'scan',
  BatchGetItem: 'batchGetItem',
  BatchWriteItem: 'batchWriteItem',
  TransactWriteItems: 'transactWriteItems',
  TransactGetItems: 'transactGetItems',
} as const satisfies Record<string, keyof TableService>;

export function dynamodbService(tables: TableService): AwsServiceAdapter {
  const operations: Record<string, Operation> = {};
  for (const [name, method] of Object.entries(METHODS)) {
    const call = tables[method] as (input: Record<string, unknown>) => Promise<unknown>;
    operations[name] = (input) => call(input);
  }
  return {
    signingName: 'dynamodb',
    title: 'DynamoDB',
    json: { targetPrefix: 'DynamoDB_20120810', version: '1.0', errorTypePrefix: 'com.amazonaws.dynamodb.v20120810#' },
    operations,
  };
}
