/** Handler styles, as the Node runtime loads and completes them. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createNodeDriver } from '../../src/runtime/node/index';
import { copyFixtures, disposeAll, makeSpec, payloadOf, start, type Started } from './helpers';

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
const run = async (dir: string, handler: string, payload: unknown = {}) => {
  const fn = await start(driver, makeSpec(path.join(fixtures.dir, dir), handler), started);
  return { fn, result: await fn.invoke(payload) };
};

describe('module formats', () => {
  test('.js without "type": "module" loads as CommonJS', async () => {
    const { result } = await run('basic', 'app.handler', { a: 1 });
    assert.deepEqual((payloadOf(result) as { event: unknown }).event, { a: 1 });
  });
  test('.mjs loads as an ES module', async () => {
    assert.deepEqual(payloadOf((await run('basic', 'esm.handler')).result), { style: 'mjs', event: {} });
  });
  test('.cjs loads as CommonJS', async () => {
    assert.deepEqual(payloadOf((await run('basic', 'common.handler')).result), { style: 'cjs' });
  });
  test('.js under "type": "module" loads as an ES module', async () => {
    const body = payloadOf((await run('esm-pkg', 'index.handler')).result) as { style: string };
    assert.equal(body.style, 'esm-js');
  });
  test('.ts compiles with esbuild, relative .ts imports (extensionless and .js) resolve', async () => {
    assert.deepEqual(payloadOf((await run('ts', 'app.handler', { name: 'ada' })).result), { message: 'HELLO ADA!', dir: true });
  });
  test('nested directory and nested export path: dir/file.export.inner.handler', async () => {
    assert.deepEqual(payloadOf((await run('basic', 'nested/dir/deep.group.inner.handler')).result), { style: 'nested' });
  });
});

describe('completion rules', () => {
  test('callback waits for the empty event loop by default', async () => {
    const { fn, result } = await run('basic', 'callback.waits');
    assert.equal(result.status, 'success');
    // The 150 ms timer the handler left behind ran before the answer was sent.
    assert.ok(result.durationMs >= 140, `duration ${result.durationMs}`);
    assert.deepEqual(payloadOf(result), { timerRanBefore: false });
    assert.deepEqual(payloadOf(await fn.invoke()), { timerRanBefore: true });
  });
  test('callbackWaitsForEmptyEventLoop = false answers at once', async () => {
    const { result } = await run('basic', 'callback.noWait');
    assert.deepEqual(payloadOf(result), { waited: false });
    assert.ok(result.durationMs < 1000);
  });
  test('callback in an ES module handler', async () => {
    assert.equal(payloadOf((await run('esm-pkg', 'index.callback')).result), 'esm callback');
  });
  test('context.succeed, context.done, context.fail', async () => {
    assert.deepEqual(payloadOf((await run('basic', 'callback.succeed')).result), { via: 'succeed' });
    assert.deepEqual(payloadOf((await run('basic', 'callback.done')).result), { via: 'done' });
    const failed = (await run('basic', 'callback.fail')).result;
    assert.equal(failed.status, 'error');
    assert.equal(failed.status === 'error' && failed.error.errorMessage, 'failed via context');
  });
  test('callback(error) fails the invocation with the error shape', async () => {
    const { result } = await run('basic', 'callback.error');
    assert.equal(result.status, 'error');
    if (result.status !== 'error') return;
    assert.equal(result.kind, 'handled');
    assert.equal(result.error.errorType, 'TypeError');
    assert.equal(result.error.errorMessage, 'bad input');
  });
  test('a plain handler that returns a value without the callback answers null', async () => {
    assert.equal(payloadOf((await run('basic', 'callback.syncReturn')).result), null);
  });
  test('an async handler whose promise never settles fails with Runtime.NodeJsExit', async () => {
    const { result } = await run('basic', 'callback.neverSettles');
    assert.equal(result.status === 'error' && result.error.errorType, 'Runtime.NodeJsExit');
  });
  test('an unserialisable result fails as the runtime does', async () => {
    const { result } = await run('basic', 'callback.circular');
    assert.equal(result.status === 'error' && result.error.errorMessage, 'Unable to stringify response body');
  });
});
