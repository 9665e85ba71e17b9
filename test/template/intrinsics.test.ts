import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorOf, outputsOf } from './helpers';

test('Ref and GetAtt, short and long forms, both GetAtt shapes', async () => {
  const out = await outputsOf({
    RefShort: '!Ref Queue',
    RefLong: '{ Ref: Queue }',
    AttDot: '!GetAtt Queue.Arn',
    AttList: '!GetAtt [Queue, QueueName]',
    AttLong: '{ "Fn::GetAtt": [Queue, Arn] }',
  });
  assert.equal(out.RefShort, 'http://127.0.0.1:4566/000000000000/Queue');
  assert.equal(out.RefLong, out.RefShort);
  assert.equal(out.AttDot, 'arn:aws:sqs:us-east-1:000000000000:Queue');
  assert.equal(out.AttList, 'Queue');
  assert.equal(out.AttLong, out.AttDot);
});

test('Fn::Sub: string form, list form with variables, resource attributes and ${!Literal}', async () => {
  const out = await outputsOf({
    Plain: `!Sub '\${AWS::StackName}-\${AWS::Region}-\${Queue.QueueName}'`,
    WithVars: `!Sub ['\${Greeting}, \${Queue}', { Greeting: !Join ['', [hel, lo]] }]`,
    Literal: `!Sub 'keep \${!Literal} as is'`,
    Long: `{ "Fn::Sub": "\${AWS::AccountId}" }`,
  });
  assert.equal(out.Plain, 'project-us-east-1-Queue');
  assert.equal(out.WithVars, 'hello, http://127.0.0.1:4566/000000000000/Queue');
  assert.equal(out.Literal, 'keep ${Literal} as is');
  assert.equal(out.Long, '000000000000');
});

test('Join, Select, Split, Base64, GetAZs, Cidr in short and long form', async () => {
  const out = await outputsOf({
    Join: `!Join [',', [a, !Ref 'AWS::Partition', 3]]`,
    JoinLong: `{ "Fn::Join": ["-", [x, y]] }`,
    Select: `!Select [1, !Split [',', 'a,b,c']]`,
    SelectLong: `{ "Fn::Select": ["0", { "Fn::GetAZs": "" }] }`,
    Base64: '!Base64 hello',
    Base64Long: '{ "Fn::Base64": hello }',
    Azs: `!Join [' ', !GetAZs eu-west-1]`,
    Cidr: `!Join [' ', !Cidr ['10.0.0.0/16', 3, 8]]`,
  });
  assert.equal(out.Join, 'a,aws,3');
  assert.equal(out.JoinLong, 'x-y');
  assert.equal(out.Select, 'b');
  assert.equal(out.SelectLong, 'us-east-1a');
  assert.equal(out.Base64, 'aGVsbG8=');
  assert.equal(out.Base64Long, 'aGVsbG8=');
  assert.equal(out.Azs, 'eu-west-1a eu-west-1b eu-west-1c');
  assert.equal(out.Cidr, '10.0.0.0/24 10.0.1.0/24 10.0.2.0/24');
});

test('FindInMap, If with AWS::NoValue, and condition functions in both forms', async () => {
  const extra = `Parameters:
  Env: { Type: String, Default: prod }
Mappings:
  Sizes:
    prod: { Memory: 1024 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: { "Fn::Equals": [{ Ref: Env }, dev] }
  Both: !And [!Condition IsProd, !Not [!Condition IsDev]]
  Either: { "Fn::Or": [{ Condition: IsDev }, { "Fn::Not": [{ Condition: IsProd }] }] }`;
  const out = await outputsOf(
    {
      Map: '!FindInMap [Sizes, !Ref Env, Memory]',
      MapLong: '{ "Fn::FindInMap": [Sizes, prod, Memory] }',
      If: '!If [Both, yes, no]',
      IfLong: '{ "Fn::If": [Either, yes, no] }',
      NoValue: `!Join ['+', [a, !If [IsDev, b, !Ref 'AWS::NoValue'], c]]`,
    },
    extra,
  );
  assert.deepEqual(out, { Map: 1024, MapLong: 1024, If: 'yes', IfLong: 'no', NoValue: 'a+c' });
});

test('pseudo parameters use the defaults and the options', async () => {
  const values = {
    Region: `!Ref 'AWS::Region'`,
    Account: `!Ref 'AWS::AccountId'`,
    Stack: `!Ref 'AWS::StackName'`,
    Partition: `!Ref 'AWS::Partition'`,
    Suffix: `!Ref 'AWS::URLSuffix'`,
    Arns: `!Join [',', !Ref 'AWS::NotificationARNs']`,
  };
  assert.deepEqual(await outputsOf(values), {
    Region: 'us-east-1', Account: '000000000000', Stack: 'project', Partition: 'aws', Suffix: 'amazonaws.com', Arns: '',
  });
  const custom = await outputsOf(values, '', { region: 'eu-west-1', accountId: '123456789012', stackName: 'shop', edgeUrl: 'http://edge:1' });
  assert.equal(custom.Region, 'eu-west-1');
  assert.equal(custom.Account, '123456789012');
  assert.equal(custom.Stack, 'shop');
  assert.equal((await outputsOf({ Url: '!Ref Queue' }, '', { edgeUrl: 'http://edge:1/' })).Url, 'http://edge:1/000000000000/Queue');
});

test('wrong arity, unknown functions and ImportValue are located errors', async () => {
  assert.match(await errorOf(outputsOf({ Bad: `!Join [',']` })), /:8:12: Outputs\.Bad\.Value: Fn::Join expects a list of two items/);
  assert.match(await errorOf(outputsOf({ Bad: '{ "Fn::Nope": 1 }' })), /Outputs\.Bad\.Value: unknown intrinsic function Fn::Nope/);
  assert.match(await errorOf(outputsOf({ Bad: '!ImportValue shared-vpc' })), /Fn::ImportValue is not supported/);
  assert.match(await errorOf(outputsOf({ Bad: '!Select [5, [a]]' })), /index 5 is out of range/);
  assert.match(await errorOf(outputsOf({ Bad: '!GetAtt Queue.Nope' })), /AWS::SQS::Queue 'Queue' has no attribute 'Nope' \(it has Arn, QueueName, QueueUrl\)/);
  assert.match(await errorOf(outputsOf({ Bad: '!Foo x' })), /unknown tag !Foo/);
});
