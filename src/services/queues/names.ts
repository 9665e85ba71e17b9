/** Queue names, URLs and ARNs. */
import { FIFO_SUFFIX, QUEUE_NAME_MAX_LENGTH } from './limits';
import { invalidParameterValue, queueDoesNotExist } from './errors';

const NAME_CHARS = /^[A-Za-z0-9_-]+$/;

export interface QueueAddressing {
  region: string;
  accountId: string;
  endpointUrl: string;
}

/** CreateQueue's QueueName rules: 1–80 of alphanumerics, `-`, `_`; FIFO names end in `.fifo`. */
export function assertValidQueueName(name: string, fifo: boolean): void {
  const stem = fifo && name.endsWith(FIFO_SUFFIX) ? name.slice(0, -FIFO_SUFFIX.length) : name;
  const ok = name.length >= 1 && name.length <= QUEUE_NAME_MAX_LENGTH && NAME_CHARS.test(stem) && (!fifo || name.endsWith(FIFO_SUFFIX));
  if (ok) return;
  throw invalidParameterValue(
    fifo
      ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
      : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
  );
}

export const queueUrl = (a: QueueAddressing, name: string) => `${a.endpointUrl.replace(/\/+$/, '')}/${a.accountId}/${name}`;
export const queueArn = (a: QueueAddressing, name: string) => `arn:aws:sqs:${a.region}:${a.accountId}:${name}`;

/**
 * The queue name in a QueueUrl. SQS routes by the path `/<account>/<name>` whatever the host
 * (clients use sqs.<region>.amazonaws.com, localhost or a custom endpoint interchangeably).
 */
export function nameFromUrl(a: QueueAddressing, url: string | undefined): string {
  const path = url?.replace(/^[a-z]+:\/\/[^/]*/i, '') ?? '';
  const match = /^\/([^/]+)\/([^/?#]+)\/?$/.exec(path);
  if (!match || match[1] !== a.accountId) throw queueDoesNotExist();
  return decodeURIComponent(match[2]);
}

/** The queue name in an SQS ARN of this region and account, or undefined. */
export function nameFromArn(a: QueueAddressing, arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs') return undefined;
  if (parts[3] !== a.region || parts[4] !== a.accountId) return undefined;
  return parts[5];
}
