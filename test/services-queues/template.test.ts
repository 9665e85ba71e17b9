/** ensureTemplateQueues: creates the template's queues (DLQ declared after its source), updates, names bad resources. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppModel, ResolvedResource } from '../../src/template/model';
import { TemplateError } from '../../src/shared/errors';
import { arn, ENDPOINT, ACCOUNT, newService } from './harness';

const model = (resources: ResolvedResource[]): AppModel => ({
  templatePath: '/app/template.yaml',
  baseDir: '/app',
  stackName: 'app',
  region: 'us-east-1',
  accountId: ACCOUNT,
  functions: [],
  apis: [],
  layers: [],
  outputs: [],
  resources: Object.fromEntries(resources.map((r) => [r.logicalId, r])),
  warnings: [],
});
const queue = (logicalId: string, properties: Record<string, unknown>, physicalName = logicalId): ResolvedResource => ({
  logicalId,
  type: 'AWS::SQS::Queue',
  properties,
  physicalName,
});

test('creates every queue, redrive to a DLQ declared later, and updates on the next run', async () => {
  const { sqs } = await newService();
  const resources = [
    queue('Work', { VisibilityTimeout: 60, RedrivePolicy: { deadLetterTargetArn: arn('WorkDlq'), maxReceiveCount: 3 }, Tags: [{ Key: 'team', Value: 'x' }] }),
    queue('Ordered', { FifoQueue: true, ContentBasedDeduplication: true }, 'Ordered.fifo'),
    queue('WorkDlq', {}),
  ];
  assert.deepEqual(await sqs.ensureTemplateQueues(model(resources)), ['Work', 'Ordered.fifo', 'WorkDlq']);
  const url = `${ENDPOINT}/${ACCOUNT}/Work`;
  const { Attributes } = await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'] });
  assert.equal(Attributes?.VisibilityTimeout, '60');
  assert.equal(JSON.parse(Attributes!.RedrivePolicy).maxReceiveCount, 3);
  assert.deepEqual(await sqs.listQueueTags({ QueueUrl: url }), { Tags: { team: 'x' } });
  resources[0] = queue('Work', { VisibilityTimeout: 90 });
  await sqs.ensureTemplateQueues(model(resources));
  const after = await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'] });
  assert.deepEqual(after.Attributes, { VisibilityTimeout: '90' });
});

test('a bad property is a template error naming the resource', async () => {
  const { sqs } = await newService();
  await assert.rejects(sqs.ensureTemplateQueues(model([queue('Slow', { DelaySeconds: 9000 })])), (err: unknown) => {
    assert.ok(err instanceof TemplateError);
    assert.match(err.message, /Slow/);
    assert.match(err.message, /DelaySeconds/);
    return true;
  });
});
