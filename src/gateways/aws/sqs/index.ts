/**
 * SQS on the edge port, in both of its wire protocols over the one queue service:
 *   - AWS JSON 1.0 (`X-Amz-Target: AmazonSQS.<Operation>`): SDK v3, boto3 ≥ 1.31.81, aws CLI v1
 *     from pip; errors carry `__type: com.amazonaws.sqs#<Code>` and `x-amzn-query-error`;
 *   - query (`Action=<Operation>&Version=2012-11-05`, XML answers in the
 *     `http://queue.amazonaws.com/doc/2012-11-05/` namespace): older SDKs and Debian's aws CLI v2.9;
 *     errors carry the query codes (`AWS.SimpleQueueService.NonExistentQueue`).
 * Binary attribute values are base64 on both wires. QueueUrl may also be the request path.
 *
 * Not done yet: AddPermission/RemovePermission (no IAM locally), KMS errors (SSE settings are
 * stored, nothing is encrypted). Differs from AWS on purpose: the queue URL's host is the edge
 * endpoint, and any host is accepted in a QueueUrl (the path names the queue).
 */
import type { QueueService } from '../../../services/queues';
import type { AwsServiceAdapter, Operation, QueryOperationSpec } from '../service';
import { QUERY_COMPATIBLE_CODES } from './errors';
import { checkJsonInput } from './json-input';
import { readQueryInput } from './query-input';
import { queryOperationSpec } from './query-output';
import { INPUT_SHAPES } from './shapes';
import { bytesAsBase64 } from './wire-values';

export const SQS_VERSION = '2012-11-05';
export const SQS_XML_NAMESPACE = `http://queue.amazonaws.com/doc/${SQS_VERSION}/`;

/** Operation → the queue service method that does it (same request and response members). */
const METHODS = {
  CreateQueue: 'createQueue',
  GetQueueUrl: 'getQueueUrl',
  ListQueues: 'listQueues',
  GetQueueAttributes: 'getQueueAttributes',
  SetQueueAttributes: 'setQueueAttributes',
  SendMessage: 'sendMessage',
  SendMessageBatch: 'sendMessageBatch',
  ReceiveMessage: 'receiveMessage',
  DeleteMessage: 'deleteMessage',
  DeleteMessageBatch: 'deleteMessageBatch',
  ChangeMessageVisibility: 'changeMessageVisibility',
  ChangeMessageVisibilityBatch: 'changeMessageVisibilityBatch',
  PurgeQueue: 'purgeQueue',
  DeleteQueue: 'deleteQueue',
  TagQueue: 'tagQueue',
  UntagQueue: 'untagQueue',
  ListQueueTags: 'listQueueTags',
  ListDeadLetterSourceQueues: 'listDeadLetterSourceQueues',
  StartMessageMoveTask: 'startMessageMoveTask',
  ListMessageMoveTasks: 'listMessageMoveTasks',
  CancelMessageMoveTask: 'cancelMessageMoveTask',
} as const satisfies Record<string, keyof QueueService>;

type OperationName = keyof typeof METHODS;

export function sqsService(queues: QueueService): AwsServiceAdapter {
  const operations: Record<string, Operation> = {};
  const queryOperations: Record<string, QueryOperationSpec> = {};
  for (const name of Object.keys(METHODS) as OperationName[]) {
    const shape = INPUT_SHAPES[name];
    const call = queues[METHODS[name]] as (input: unknown) => Promise<unknown>;
    operations[name] =
      name === 'ReceiveMessage'
        ? async (input) => bytesAsBase64(await call(checkJsonInput(shape, input)))
        : (input) => call(checkJsonInput(shape, input));
    queryOperations[name] = queryOperationSpec(name, (decoded, request) => readQueryInput(shape, decoded, request));
  }
  return {
    signingName: 'sqs',
    title: 'SQS',
    json: {
      targetPrefix: 'AmazonSQS',
      version: '1.0',
      errorTypePrefix: 'com.amazonaws.sqs#',
      queryCompatibleCodes: QUERY_COMPATIBLE_CODES,
    },
    query: { version: SQS_VERSION, xmlNamespace: SQS_XML_NAMESPACE, operations: queryOperations },
    operations,
  };
}
