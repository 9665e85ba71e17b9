/** Error shapes, init failures and the platform's limits (timeout, memory, exit), each isolated. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createNodeDriver } from '../../src/runtime/node/index';
import type { InvocationResult } from '../../src/runtime/types';
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
const launch = (handler: string, overrides = {}) =>
  start(driver, makeSpec(path.join(fixtures.dir, 'basic'), handler, overrides), started);
function errorOf<R extends InvocationResult>(result: R): Extract<R, { status: 'error' }> {
  assert.equal(result.status, 'error', JSON.stringify(result));
  return result as Extract<R, { status: 'error' }>;
}
const lines = (fn: Started) => fn.logs.map((l) => l.message);

describe('handler errors', () => {
  test('a thrown Error: errorType = name, trace = stack lines; logged as Invoke Error', async () => {
    const fn = await launch('errors.throwError');
    const result = errorOf(await fn.invoke());
    assert.equal(result.kind, 'handled');
    assert.equal(result.error.errorType, 'Error');
    assert.equal(result.error.errorMessage, 'boom');
    assert.equal(result.error.trace?.[0], 'Error: boom');
    assert.match(result.error.trace?.[1] ?? '', /errors\.js:1/);
    const logged = lines(fn).find((l) => l.includes('Invoke Error'))!;
    assert.match(logged, /^\d{4}-\d\d-\d\dT[\d:.]+Z\t[0-9a-f-]{36}\tERROR\tInvoke Error \t\{"errorType":"Error","errorMessage":"boom","stack":\["Error: boom",/);
    assert.equal(fn.instance.dead, false, 'a handled error keeps the instance warm');
  });
  test('a thrown string: errorType "string", empty trace', async () => {
    const fn = await launch('errors.throwString');
    assert.deepEqual(errorOf(await fn.invoke()).error, { errorType: 'string', errorMessage: 'just a string', trace: [] });
    // The text logger wraps non-errors in an Error first.
    assert.ok(lines(fn).some((l) => l.includes('Invoke Error \t{"errorType":"Error","errorMessage":"just a string"')));
  });
  test('a rejected object: errorType "object"', async () => {
    const fn = await launch('errors.rejectObject');
    assert.deepEqual(errorOf(await fn.invoke()).error, { errorType: 'object', errorMessage: '[object Object]', trace: [] });
  });
  test('a synchronous throw from a plain handler', async () => {
    const fn = await launch('errors.throwSync');
    const { error } = errorOf(await fn.invoke());
    assert.equal(error.errorType, 'RangeError');
    assert.equal(error.errorMessage, 'sync boom');
  });
  test('an unhandled rejection fails the invocation and kills the instance', async () => {
    const fn = await launch('errors.unhandled');
    const result = errorOf(await fn.invoke());
    assert.equal(result.error.errorType, 'Runtime.UnhandledPromiseRejection');
    assert.equal(result.error.errorMessage, 'Error: lost promise');
    assert.ok(lines(fn).some((l) => l.includes('\tERROR\tUnhandled Promise Rejection \t{"errorType":"Runtime.UnhandledPromiseRejection"')));
    assert.equal(fn.instance.dead, true);
  });
});

describe('init errors (reported on invoke, instance dead)', () => {
  const initError = async (handler: string) => {
    const fn = await launch(handler);
    const result = errorOf(await fn.invoke());
    assert.equal(fn.instance.dead, true);
    assert.ok(lines(fn).some((l) => /\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime\./.test(l)), lines(fn).join('\n'));
    return result.error;
  };
  test('missing handler module: Runtime.ImportModuleError', async () => {
    const error = await initError('nothere.handler');
    assert.equal(error.errorType, 'Runtime.ImportModuleError');
    assert.match(error.errorMessage, /^Error: Cannot find module 'nothere'\nRequire stack:\n- /);
    assert.equal(error.trace?.[0], "Runtime.ImportModuleError: Error: Cannot find module 'nothere'");
  });
  test('missing dependency of the handler: Runtime.ImportModuleError naming it', async () => {
    const error = await initError('missingdep.handler');
    assert.equal(error.errorType, 'Runtime.ImportModuleError');
    assert.match(error.errorMessage, /Cannot find module 'definitely-not-installed-pkg'/);
  });
  test('missing export: Runtime.HandlerNotFound', async () => {
    const error = await initError('app.nope');
    assert.equal(error.errorType, 'Runtime.HandlerNotFound');
    assert.equal(error.errorMessage, 'app.nope is undefined or not exported');
  });
  test('export that is not a function: Runtime.HandlerNotFound', async () => {
    assert.equal((await initError('notfn.handler')).errorMessage, 'notfn.handler is not a function');
  });
  test('syntax error: Runtime.UserCodeSyntaxError', async () => {
    const error = await initError('syntax.handler');
    assert.equal(error.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(error.errorMessage, /^SyntaxError: /);
  });
  test('TypeScript that does not parse: Runtime.UserCodeSyntaxError naming file, line and column', async () => {
    // Written here, not kept as a fixture: the repository type-checks every .ts under test/.
    fs.writeFileSync(path.join(fixtures.dir, 'basic', 'broken.ts'), 'export const handler = async (event: { a: number ) => event;\n');
    const error = await initError('broken.handler');
    assert.equal(error.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(error.errorMessage, /^SyntaxError: .*broken\.ts:1:\d+: Unexpected "\)"$/);
  });
  test('handler without a dot: Runtime.MalformedHandlerName "Bad handler"', async () => {
    const error = await initError('app');
    assert.deepEqual([error.errorType, error.errorMessage], ['Runtime.MalformedHandlerName', 'Bad handler']);
  });
});

describe('platform limits', () => {
  test('timeout: Sandbox.Timedout, worker terminated, instance dead', async () => {
    const fn = await launch('errors.busy', { timeoutSeconds: 1 });
    const result = errorOf(await fn.invoke({}, { timeoutMs: 300 }));
    assert.equal(result.kind, 'timeout');
    assert.deepEqual(result.error, {
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${result.requestId} Error: Task timed out after 0.30 seconds`,
    });
    assert.equal(fn.instance.dead, true);
  });
  test('out of memory (MemorySize 128): Runtime.OutOfMemory, others unaffected', async () => {
    const bystander = await launch('errors.ok');
    const fn = await launch('errors.oom', { memoryMb: 128 });
    const result = errorOf(await fn.invoke({}, { timeoutMs: 20_000 }));
    assert.equal(result.kind, 'crash');
    assert.equal(result.error.errorType, 'Runtime.OutOfMemory');
    assert.equal(result.error.errorMessage, `RequestId: ${result.requestId} Error: Runtime exited with error: signal: killed`);
    assert.equal(fn.instance.dead, true);
    assert.equal(payloadOf(await bystander.invoke()), 'still alive');
  });
  test('process.exit(1): Runtime.ExitError with the exit status', async () => {
    const fn = await launch('errors.exit');
    const result = errorOf(await fn.invoke());
    assert.equal(result.kind, 'crash');
    assert.deepEqual(result.error, {
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: exit status 1`,
    });
    assert.equal(fn.instance.dead, true);
    assert.ok(result.initDurationMs! > 0 && result.maxMemoryUsedMb > 0, 'a crash on the first invoke still reports init and memory');
    const again = errorOf(await fn.instance.invoke({ requestId: 'r2', payload: '{}', deadline: Date.now() + 1000, invokedFunctionArn: 'x' }));
    assert.equal(again.kind, 'crash', 'a dead instance refuses work without throwing');
  });
  test('process.exit(0): Runtime.ExitError without a reason', async () => {
    const fn = await launch('errors.exitZero');
    const result = errorOf(await fn.invoke());
    assert.equal(result.error.errorMessage, `RequestId: ${result.requestId} Error: Runtime exited without providing a reason`);
  });
});
