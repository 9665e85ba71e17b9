/**
 * An Auth, Cors or CorsConfiguration that API Gateway (or SAM) would refuse stops `stratus start`
 * with one clear line naming the API, instead of serving something AWS would not deploy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runStratus, tempDir, removeDir } from '../support/stratus-process';

function template(apiProperties: string, kind = 'AWS::Serverless::Api'): string {
  return `Transform: AWS::Serverless-2016-10-31
Resources:
  BrokenApi:
    Type: ${kind}
    Properties:
${apiProperties}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: index.handler
`;
}

const CASES: [string, string, RegExp][] = [
  ['unknown default authorizer', template('      StageName: Prod\n      Auth:\n        DefaultAuthorizer: Missing\n        Authorizers: {}'), /BrokenApi: DefaultAuthorizer Missing is not one of Auth.Authorizers/],
  ['bad payload type', template('      StageName: Prod\n      Auth:\n        Authorizers:\n          A:\n            FunctionArn: arn:aws:lambda:us-east-1:000000000000:function:Fn\n            FunctionPayloadType: COOKIE'), /FunctionPayloadType must be TOKEN or REQUEST/],
  ['TTL too long', template('      StageName: Prod\n      Auth:\n        Authorizers:\n          A:\n            FunctionArn: arn:aws:lambda:us-east-1:000000000000:function:Fn\n            Identity: { ReauthorizeEvery: 7200 }'), /ReauthorizeEvery must be an integer from 0 to 3600/],
  ['simple responses on 1.0', template("      Auth:\n        Authorizers:\n          A:\n            FunctionArn: arn:aws:lambda:us-east-1:000000000000:function:Fn\n            AuthorizerPayloadFormatVersion: '1.0'\n            EnableSimpleResponses: true", 'AWS::Serverless::HttpApi'), /EnableSimpleResponses needs AuthorizerPayloadFormatVersion 2.0/],
  ['credentials with any origin (REST)', template("      StageName: Prod\n      Cors:\n        AllowOrigin: \"'*'\"\n        AllowCredentials: true"), /AllowCredentials cannot be true when AllowOrigin is '\*'/],
  ['credentials with any origin (HTTP)', template('      CorsConfiguration:\n        AllowOrigins: ["*"]\n        AllowCredentials: true', 'AWS::Serverless::HttpApi'), /cannot allow credentials for the origin '\*'/],
];

for (const [name, text, expected] of CASES) {
  test(`start refuses: ${name}`, async () => {
    const dir = tempDir('stratus-auth-config-');
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src', 'index.js'), 'exports.handler = async () => ({ statusCode: 200 });');
      writeFileSync(join(dir, 'template.yaml'), text);
      const run = await runStratus(['start', dir, '--port', '0', '--edge-port', '0', '--state-dir', join(dir, '.stratus')]);
      assert.equal(run.code, 1, run.stderr + run.stdout);
      assert.match(run.stderr, expected);
      assert.doesNotMatch(run.stderr, /internal error/);
    } finally {
      removeDir(dir);
    }
  });
}
