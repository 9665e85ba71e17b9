import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { pythonBootstrapPath, stratusPackageRoot } from '../../src/runtime/python/package-root';
import { createPythonDriver } from '../../src/runtime/runtime-api';
import { FIXTURES, messages, spec, start } from './helpers';

const driver = createPythonDriver();
after(() => driver.close?.());

describe('python runtime: a working handler', () => {
  it('answers with the handler result, the context fields and the environment', async () => {
    const s = spec({ environment: { MY_VAR: 'mine' }, memoryMb: 256 });
    const fn = await start(driver, s);
    const clientContext = JSON.stringify({ custom: { tenant: 'a' }, env: {}, client: {} });
    const result = await fn.invoke({ name: 'ada' }, { requestId: 'fixed-request-id', clientContext });
    assert.equal(result.status, 'success', JSON.stringify(result));
    if (result.status !== 'success') return;
    const body = JSON.parse(result.payload);
    assert.deepEqual(body.event, { name: 'ada' });
    assert.equal(body.requestId, 'fixed-request-id');
    assert.equal(body.functionName, 'Fn');
    assert.equal(body.functionVersion, '$LATEST');
    assert.equal(body.arn, 'arn:aws:lambda:us-east-1:000000000000:function:Fn');
    assert.equal(body.memory, '256'); // a string in Lambda's Python context too (read from the environment)
    assert.equal(body.logGroup, '/aws/lambda/Fn');
    assert.match(body.logStream, /^2026\/01\/01\/\[\$LATEST\]/);
    assert.ok(body.remaining > 2000 && body.remaining <= 3000, `remaining ${body.remaining}`);
    assert.deepEqual(body.clientContext, { tenant: 'a' });
    assert.equal(body.identityId, null);
    assert.equal(body.env.MY_VAR, 'mine');
    assert.match(body.env.AWS_LAMBDA_RUNTIME_API, /^127\.0\.0\.1:\d+$/);
    assert.equal(body.env._HANDLER, 'app.describe');
    assert.match(body.env._X_AMZN_TRACE_ID, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    assert.equal(body.cwd, s.codeDir);
    assert.equal(body.argv.length, 1);
    assert.ok(result.maxMemoryUsedMb > 5, `maxMemoryUsedMb ${result.maxMemoryUsedMb}`);
    await fn.instance.dispose();
  });

  it('formats logging like Lambda, captures print(), and tags lines with the request id', async () => {
    const fn = await start(driver, spec());
    const result = await fn.invoke({ name: 'bob' }, { requestId: 'log-req' });
    assert.equal(result.status, 'success');
    const loaded = fn.logs.find((l) => l.message === 'module loaded');
    assert.ok(loaded, messages(fn.logs).join('|'));
    assert.equal(loaded.requestId, undefined, 'init output belongs to no request');
    const printed = fn.logs.find((l) => l.message === 'print from handler bob');
    assert.equal(printed?.requestId, 'log-req');
    const info = fn.logs.find((l) => l.message.startsWith('[INFO]'));
    assert.ok(info, messages(fn.logs).join('|'));
    // One event for a multi-line record, as Lambda's telemetry channel delivers it.
    assert.match(info.message, /^\[INFO\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\tlog-req\tinfo line\nsecond line$/);
    assert.equal(info.requestId, 'log-req');
    await fn.instance.dispose();
  });

  it('keeps module state between warm invocations; init duration only on the first', async () => {
    const fn = await start(driver, spec());
    const first = await fn.invoke({});
    const second = await fn.invoke({});
    assert.equal(first.status, 'success');
    assert.equal(second.status, 'success');
    if (first.status !== 'success' || second.status !== 'success') return;
    assert.equal(JSON.parse(first.payload).calls, 1);
    assert.equal(JSON.parse(second.payload).calls, 2);
    assert.ok(typeof first.initDurationMs === 'number' && first.initDurationMs > 0);
    assert.equal(second.initDurationMs, undefined);
    assert.equal(fn.instance.dead, false);
    await fn.instance.dispose();
    assert.equal(fn.instance.dead, true);
  });

  it('resolves a handler in a subdirectory as dir/sub/module.function', async () => {
    const fn = await start(driver, spec({ handler: 'sub/dir/nested.handler' }));
    const result = await fn.invoke({});
    assert.equal(result.status, 'success', JSON.stringify(result));
    if (result.status === 'success') assert.deepEqual(JSON.parse(result.payload), { nested: true, module: 'sub.dir.nested' });
    await fn.instance.dispose();
  });

  it('imports modules from a layer (python/ and python/lib/python3.X/site-packages)', async () => {
    const fn = await start(driver, spec({ handler: 'app.uses_layer', layerDirs: [join(FIXTURES, 'layer-py')] }));
    const result = await fn.invoke({ name: 'cy' });
    assert.equal(result.status, 'success', JSON.stringify(result));
    if (result.status === 'success') {
      assert.deepEqual(JSON.parse(result.payload), { greeting: 'hello cy from a layer', pkg: 'site-packages' });
    }
    await fn.instance.dispose();
  });

  it('serialises Decimal exactly and non-ASCII as python3.12 does', async () => {
    const fn = await start(driver, spec({ handler: 'app.unicode' }));
    const result = await fn.invoke({});
    assert.equal(result.status, 'success');
    if (result.status === 'success') assert.equal(result.payload, '{"text": "héllo", "price": 1.10}');
    await fn.instance.dispose();
  });
});

describe('python runtime: what Lambda provides', () => {
  it('lets handlers import boto3 without bundling it', async () => {
    const fn = await start(driver, spec({ handler: 'app.sdk', timeoutSeconds: 10 }));
    const result = await fn.invoke({});
    assert.equal(result.status, 'success', JSON.stringify(result));
    if (result.status === 'success') assert.match(JSON.parse(result.payload).boto3, /^\d+\.\d+/);
    await fn.instance.dispose();
  });

  it('finds its bootstrap from the bundle in dist/ as well as from src/', () => {
    const root = stratusPackageRoot(new URL('../../src/runtime/python/launcher.ts', import.meta.url).href);
    assert.equal(stratusPackageRoot(pathToFileURL(join(root, 'dist', 'cli.js')).href), root);
    assert.ok(existsSync(pythonBootstrapPath()));
  });
});
