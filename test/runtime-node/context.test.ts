/** The context object, the environment, warm reuse, init duration and the console format. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { lambdaEnvironment, newLogStreamName, reservedKeysIn } from '../../src/runtime/environment';
import { createNodeDriver } from '../../src/runtime/node/index';
import { ACCOUNT, copyFixtures, disposeAll, makeSpec, payloadOf, REGION, start, type Started } from './helpers';

const driver = createNodeDriver();
const started: Started[] = [];
let fixtures: ReturnType<typeof copyFixtures>;
before(() => {
  fixtures = copyFixtures();
});
after(async () => {
  await disposeAll(started);
  fixtures.cleanup();
});
const basic = () => path.join(fixtures.dir, 'basic');

describe('context', () => {
  test('fields as Lambda sets them', async () => {
    const fn = await start(driver, makeSpec(basic(), 'app.handler', { name: 'orders', memoryMb: 256 }), started);
    const clientContext = JSON.stringify({ client: { app_title: 'demo' }, custom: { k: 'v' }, env: {} });
    const result = await fn.invoke({ x: 1 }, { timeoutMs: 5000, clientContext });
    const body = payloadOf(result) as Record<string, unknown>;
    assert.equal(body.awsRequestId, result.requestId);
    assert.equal(body.functionName, 'orders');
    assert.equal(body.functionVersion, '$LATEST');
    assert.equal(body.invokedFunctionArn, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`);
    assert.equal(body.memoryLimitInMB, '256', 'a string, as on Lambda');
    assert.equal(body.logGroupName, '/aws/lambda/orders');
    assert.match(body.logStreamName as string, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.ok((body.remaining as number) > 4000 && (body.remaining as number) <= 5000, String(body.remaining));
    assert.deepEqual(body.clientContext, { client: { app_title: 'demo' }, custom: { k: 'v' }, env: {} });
    assert.equal(body.identity, null);
    assert.equal(body.callbackWaitsForEmptyEventLoop, true);
  });

  test('warm reuse keeps module state; init duration only on the first invoke', async () => {
    const fn = await start(driver, makeSpec(basic(), 'app.handler'), started);
    const first = await fn.invoke();
    const second = await fn.invoke();
    const third = await fn.invoke();
    assert.deepEqual([first, second, third].map((r) => (payloadOf(r) as { invocations: number }).invocations), [1, 2, 3]);
    assert.equal(typeof first.initDurationMs, 'number');
    assert.ok(first.initDurationMs! > 0);
    assert.equal(second.initDurationMs, undefined);
    assert.equal(third.initDurationMs, undefined);
    assert.ok(first.maxMemoryUsedMb > 0 && first.maxMemoryUsedMb <= 128);
    assert.ok(third.maxMemoryUsedMb >= first.maxMemoryUsedMb, 'a high-water mark never goes down');
  });
});

describe('environment', () => {
  test('Lambda variables reach the handler; the template overrides only unreserved ones', async () => {
    const spec = makeSpec(basic(), 'app.env', {
      runtime: 'nodejs22.x',
      environment: { TABLE: 'orders', AWS_REGION: 'eu-west-1', LANG: 'ko_KR.UTF-8', TZ: 'Asia/Seoul' },
      layerDirs: ['/layers/one', '/layers/two'],
    });
    const fn = await start(driver, spec, started);
    const env = payloadOf(await fn.invoke()) as Record<string, string>;
    assert.equal(env.TABLE, 'orders');
    assert.equal(env.AWS_REGION, REGION, 'reserved: the template cannot change it');
    assert.equal(env.AWS_DEFAULT_REGION, REGION);
    assert.equal(env.LANG, 'ko_KR.UTF-8');
    assert.equal(env.TZ, 'Asia/Seoul');
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'test-function');
    assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '128');
    assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
    assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/test-function');
    assert.equal(env.AWS_EXECUTION_ENV, 'AWS_Lambda_nodejs22.x');
    assert.equal(env.LAMBDA_TASK_ROOT, basic());
    assert.equal(env._HANDLER, 'app.env');
    assert.ok(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && env.AWS_SESSION_TOKEN);
    assert.deepEqual(env.NODE_PATH.split(':'), [
      '/layers/two/nodejs/node22/node_modules',
      '/layers/two/nodejs/node_modules',
      '/layers/one/nodejs/node22/node_modules',
      '/layers/one/nodejs/node_modules',
      basic(),
    ]);
  });

  test('defaults, endpoint URL and reserved-key detection', () => {
    const spec = makeSpec('/code', 'app.handler', { environment: { AWS_LAMBDA_FUNCTION_NAME: 'x', MODE: 'dev' } });
    const env = lambdaEnvironment(spec, { region: 'ap-northeast-2', accountId: ACCOUNT, logStreamName: 's', endpointUrl: 'http://127.0.0.1:4566' });
    assert.equal(env.TZ, ':UTC');
    assert.equal(env.LANG, 'en_US.UTF-8');
    assert.equal(env.AWS_ENDPOINT_URL, 'http://127.0.0.1:4566');
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'test-function');
    assert.equal(env.MODE, 'dev');
    assert.deepEqual(reservedKeysIn(spec.environment), ['AWS_LAMBDA_FUNCTION_NAME']);
    assert.match(newLogStreamName(new Date('2024-03-09T23:59:00Z')), /^2024\/03\/09\/\[\$LATEST\][0-9a-f]{32}$/);
  });
});

describe('console', () => {
  test("lines in Lambda's text format, one event per call, raw writes per line", async () => {
    const fn = await start(driver, makeSpec(basic(), 'logs.handler'), started);
    const result = await fn.invoke();
    const id = result.requestId;
    const messages = fn.logs.map((l) => l.message);
    const prefix = (level: string) => new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${id}\\t${level}\\t`);
    const bodyAfter = (m: string) => m.split('\t').slice(3).join('\t');
    const expected: [string, string][] = [
      ['INFO', 'hello world { a: 1 }'],
      ['INFO', 'info line'],
      ['WARN', 'warn line'],
      ['ERROR', 'error line'],
      ['DEBUG', 'debug line'],
      ['TRACE', 'trace line'],
      ['INFO', 'multi\nline'],
    ];
    expected.forEach(([level, body], i) => {
      assert.match(messages[i]!, prefix(level));
      assert.equal(bodyAfter(messages[i]!), body);
    });
    assert.deepEqual(messages.slice(7), ['raw stdout line', 'raw stderr line']);
    assert.ok(fn.logs.every((l) => l.requestId === id && typeof l.timestamp === 'number'));
  });

  test('lines printed during init carry the request id "undefined"', async () => {
    const fn = await start(driver, makeSpec(basic(), 'app.handler'), started);
    await fn.invoke();
    const init = fn.logs.find((l) => l.message.endsWith('init log from top level'))!;
    assert.match(init.message, /^\S+Z\tundefined\tINFO\tinit log from top level$/);
    assert.equal(init.requestId, undefined);
  });
});
