/**
 * Sample events as `sam local generate-event` prints them (templates in aws-sam-cli
 * samcli/lib/generated_sample_events/events/*), with fresh ids and times. API events come from
 * the gateway's own event builders, so they are exactly what a handler gets from `stratus start`.
 * Options arrive camel-cased from the command: --queue-name → queueName.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sampleApiEvent } from '../../gateways/http-api';
import { UserError } from '../../shared/errors';

const PARTITION = 'aws';
const DEFAULTS = { region: 'us-east-1', accountId: '123456789012' };

type Options = Record<string, string>;
type Generator = (o: Options, now: number) => unknown;

const GENERATORS: Record<string, Generator> = {
  'apigateway-aws-proxy': (o, now) =>
    sampleApiEvent({
      kind: 'rest',
      method: o.method ?? 'POST',
      path: o.path ?? '/path/to/resource',
      resource: o.resource ?? '/{proxy+}',
      stage: o.stage ?? 'prod',
      body: o.body ?? '{"test":"body"}',
      query: o.query ?? 'foo=bar',
      ...where(o),
      now,
    }),
  'apigateway-http-api-proxy': (o, now) =>
    sampleApiEvent({
      kind: 'http',
      method: o.method ?? 'POST',
      path: o.path ?? '/path/to/resource',
      resource: o.resource ?? '$default',
      stage: o.stage ?? '$default',
      body: o.body ?? '{"test":"body"}',
      query: o.query ?? 'foo=bar',
      ...where(o),
      now,
    }),
  'sqs-receive-message': (o, now) => {
    const { region, accountId } = where(o);
    const body = o.body ?? 'Hello from SQS!';
    return {
      Records: [
        {
          messageId: randomUUID(),
          receiptHandle: 'MessageReceiptHandle',
          body,
          attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: String(now),
            SenderId: accountId,
            ApproximateFirstReceiveTimestamp: String(now + 1),
          },
          messageAttributes: {},
          md5OfBody: createHash('md5').update(body).digest('hex'),
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:${PARTITION}:sqs:${region}:${accountId}:${o.queueName ?? 'MyQueue'}`,
          awsRegion: region,
        },
      ],
    };
  },
  'sns-notification': (o, now) => {
    const { region, accountId } = where(o);
    const topicArn = `arn:${PARTITION}:sns:${region}:${accountId}:${o.topic ?? 'ExampleTopic'}`;
    return {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
          Sns: {
            Type: 'Notification',
            MessageId: randomUUID(),
            TopicArn: topicArn,
            Subject: o.subject ?? 'example subject',
            Message: o.message ?? 'example message',
            Timestamp: new Date(now).toISOString(),
            SignatureVersion: '1',
            Signature: 'EXAMPLE',
            SigningCertUrl: 'EXAMPLE',
            UnsubscribeUrl: 'EXAMPLE',
            MessageAttributes: {},
          },
        },
      ],
    };
  },
  's3-put': (o, now) => s3Event(o, now, 'ObjectCreated:Put'),
  's3-delete': (o, now) => s3Event(o, now, 'ObjectRemoved:Delete'),
  'cloudwatch-scheduled-event': (o, now) => {
    const { region, accountId } = where(o);
    return eventBridgeEnvelope(region, accountId, now, 'Scheduled Event', 'aws.events', {}, [
      `arn:${PARTITION}:events:${region}:${accountId}:rule/${o.rule ?? 'ExampleRule'}`,
    ]);
  },
  'eventbridge-event': (o, now) => {
    const { region, accountId } = where(o);
    return eventBridgeEnvelope(region, accountId, now, o.detailType ?? 'MyDetailType', o.source ?? 'my.source', parseDetail(o.detail), []);
  },
};

/** The kinds, in the order help lists them. */
export const EVENT_KINDS: readonly string[] = Object.keys(GENERATORS);

export function generateEvent(kind: string, options: Record<string, string>): unknown {
  const generator = GENERATORS[kind];
  if (!generator) throw new UserError('UnknownEventKind', `unknown event kind "${kind}" (kinds: ${EVENT_KINDS.join(', ')})`);
  return generator(options, Date.now());
}

function where(o: Options) {
  return { region: o.region ?? DEFAULTS.region, accountId: o.accountId ?? DEFAULTS.accountId };
}

/** S3 notifications carry the key URL-encoded as a form value: spaces become `+`. */
function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/gi, '/');
}

function s3Event(o: Options, now: number, eventName: string) {
  const { region } = where(o);
  const bucket = o.bucket ?? 'example-bucket';
  const object: Record<string, unknown> = { key: encodeS3Key(o.key ?? 'test/key') };
  if (eventName.startsWith('ObjectCreated')) Object.assign(object, { size: Number(o.size ?? 1024), eTag: '0123456789abcdef0123456789abcdef' });
  object.sequencer = '0A1B2C3D4E5F678901';
  return {
    Records: [
      {
        eventVersion: '2.0',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date(now).toISOString(),
        eventName,
        userIdentity: { principalId: 'EXAMPLE' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': 'EXAMPLE123456789',
          'x-amz-id-2': 'EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH',
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'testConfigRule',
          bucket: { name: bucket, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:${PARTITION}:s3:::${bucket}` },
          object,
        },
      },
    ],
  };
}

/** EventBridge's envelope; `time` has no milliseconds ("2019-03-01T12:00:00Z"). */
function eventBridgeEnvelope(region: string, account: string, now: number, detailType: string, source: string, detail: unknown, resources: string[]) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account,
    time: new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    region,
    resources,
    detail,
  };
}

function parseDetail(detail: string | undefined): unknown {
  if (detail === undefined) return {};
  try {
    return JSON.parse(detail);
  } catch {
    throw new UserError('BadEventOption', `--detail must be JSON, got: ${detail}`);
  }
}
