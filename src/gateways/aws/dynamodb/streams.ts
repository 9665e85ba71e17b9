/**
 * DynamoDB Streams on the edge port: AWS JSON 1.0, `X-Amz-Target: DynamoDBStreams_20120810.<Op>`
 * (signing name `dynamodb`, like DynamoDB's own), errors in DynamoDB's `__type` namespace.
 *
 * Differs on purpose: one shard per stream, never closed or split; iterators stay valid across
 * restarts (they carry their position) but expire after 15 minutes as DynamoDB's do.
 */
import type { TableService } from '../../../services/tables';
import type { AwsServiceAdapter, Operation } from '../service';

const METHODS = {
  ListStreams: 'listStreams',
  DescribeStream: 'describeStream',
  GetShardIterator: 'getShardIterator',
  GetRecords: 'getRecords',
} as const satisfies Record<string, keyof TableService['streams']>;

export function dynamodbStreamsService(tables: TableService): AwsServiceAdapter {
  const operations: Record<string, Operation> = {};
  for (const [name, method] of Object.entries(METHODS)) operations[name] = (input) => tables.streams[method](input);
  return {
    signingName: 'dynamodb',
    title: 'DynamoDB Streams',
    json: { targetPrefix: 'DynamoDBStreams_20120810', version: '1.0', errorTypePrefix: 'com.amazonaws.dynamodb.v20120810#' },
    operations,
  };
}
