/**
 * AWS::S3::Bucket in the template model: the physical name (BucketName, else the logical id in
 * lower case, since bucket names are lower case), `!Ref` the name and `!GetAtt` its attributes as
 * the CloudFormation reference documents them ("AWS::S3::Bucket → Return values").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTemplate } from '../../src/template';
import { FIXTURE } from './helpers';

test('bucket names, Ref and GetAtt; the function S3 event keeps its properties', async () => {
  const model = await loadTemplate(FIXTURE, { region: 'us-east-1', accountId: '000000000000' });
  assert.equal(model.resources.Uploads.physicalName, 'stratus-uploads');
  assert.equal(model.resources.Plain.physicalName, 'plain');
  const outputs = Object.fromEntries(model.outputs.map((o) => [o.name, o.value]));
  assert.deepEqual(outputs, { UploadsArn: 'arn:aws:s3:::stratus-uploads', PlainName: 'plain' });
  const event = model.functions.find((f) => f.name === 'OnUpload')!.events[0];
  assert.equal(event.type, 'S3');
  assert.deepEqual('properties' in event && event.properties.Bucket, 'stratus-uploads');
  assert.deepEqual(model.warnings, []);
});
