import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPythonDriver } from '../../src/runtime/runtime-api';
import { messages, spec, start } from './helpers';

const driver = createPythonDriver();
after(() => driver.close?.());

function assertError(result: Awaited<ReturnType<Awaited<ReturnType<typeof start>>['invoke']>>, kind: string) {
  assert.equal(result.status, 'error', JSON.stringify(result));
  if (result.status !== 'error') throw new Error('unreachable');
  assert.equal(result.kind, kind, JSON.stringify(result));
  return result;
}

describe('python runtime: init failures', () => {
  it('reports a missing module as Runtime.ImportModuleError through /init/error', async () => {
    const fn = await start(driver, spec({ handler: 'no_such_module.handler' }));
    const result = assertError(await fn.invoke({}), 'crash');
    assert.deepEqual(result.error, {
      errorMessage: "Unable to import module 'no_such_module': No module named 'no_such_module'",
      errorType: 'Runtime.ImportModuleError',
      requestId: '',
      stackTrace: [],
    });
    assert.ok(result.initDurationMs !== undefined);
    assert.equal(fn.instance.dead, true);
    const logged = messages(fn.logs);
    assert.ok(logged.some((m) => m.startsWith('[WARNING]\t') && m.includes('LAMBDA_WARNING: Unhandled exception.')), logged.join('|'));
    assert.ok(logged.includes("[ERROR] Runtime.ImportModuleError: Unable to import module 'no_such_module': No module named 'no_such_module'\nTraceback (most recent call last):"), logged.join('|'));
    await fn.instance.dispose();
  });

  it('names the module that failed to import a dependency', async () => {
    const fn = await start(driver, spec({ handler: 'broken_import.handler' }));
    const result = assertError(await fn.invoke({}), 'crash');
    assert.equal(result.error.errorType, 'Runtime.ImportModuleError');
    assert.equal(result.error.errorMessage, "Unable to import module 'broken_import': No module named 'not_a_module_anywhere'");
    await fn.instance.dispose();
  });

  it('reports a missing function as Runtime.HandlerNotFound', async () => {
    const fn = await start(driver, spec({ handler: 'app.nope' }));
    const result = assertError(await fn.invoke({}), 'crash');
    assert.equal(result.error.errorType, 'Runtime.HandlerNotFound');
    assert.equal(result.error.errorMessage, "Handler 'nope' missing on module 'app'");
    await fn.instance.dispose();
  });

  it('reports a handler without a dot as Runtime.MalformedHandlerName', async () => {
    const fn = await start(driver, spec({ handler: 'app' }));
    const result = assertError(await fn.invoke({}), 'crash');
    assert.equal(result.error.errorType, 'Runtime.MalformedHandlerName');
    assert.equal(result.error.errorMessage, "Bad handler 'app': not enough values to unpack (expected 2, got 1)");
    await fn.instance.dispose();
  });
});

describe('python runtime: invocation failures', () => {
  it('returns an exception in Lambda Python shape and stays warm', async () => {
    const fn = await start(driver, spec({ handler: 'app.fail' }));
    const result = assertError(await fn.invoke({ why: 'testing' }, { requestId: 'err-req' }), 'handled');
    assert.deepEqual(Object.keys(result.error), ['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    assert.equal(result.error.errorMessage, 'it broke: testing');
    assert.equal(result.error.errorType, 'Boom');
    assert.equal(result.error.requestId, 'err-req');
    const stack = result.error.stackTrace as string[];
    assert.equal(stack.length, 1, 'only the user frames');
    assert.match(stack[0], /^ {2}File ".*app\.py", line \d+, in fail\n {4}raise Boom\("it broke: " \+ str\(event.get\("why"\)\)\)\n$/);
    const logged = fn.logs.find((l) => l.message.startsWith('[ERROR] Boom: it broke: testing\nTraceback (most recent call last):\n\u00a0\u00a0File'));
    assert.ok(logged, messages(fn.logs).join('|'));
    assert.equal(logged.requestId, 'err-req');
    assert.equal(fn.instance.dead, false);
    assert.equal((await fn.invoke({ why: 'again' })).status, 'error');
    await fn.instance.dispose();
  });

  it('reports a result that is not JSON as Runtime.MarshalError', async () => {
    const fn = await start(driver, spec({ handler: 'app.unserialisable' }));
    const result = assertError(await fn.invoke({}), 'handled');
    assert.equal(result.error.errorType, 'Runtime.MarshalError');
    assert.equal(result.error.errorMessage, 'Unable to marshal response: Object of type object is not JSON serializable');
    await fn.instance.dispose();
  });

  it('kills the process at the deadline with Sandbox.Timedout', async () => {
    const fn = await start(driver, spec({ handler: 'app.sleep', timeoutSeconds: 1 }));
    const startedAt = Date.now();
    const result = assertError(await fn.invoke({ seconds: 30 }, { requestId: 'slow-req' }), 'timeout');
    assert.ok(Date.now() - startedAt < 2500, 'returns at the deadline');
    assert.deepEqual(result.error, { errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: slow-req Error: Task timed out after 1.00 seconds' });
    assert.ok(result.durationMs >= 990);
    assert.equal(fn.instance.dead, true);
    assert.equal(fn.logs.find((l) => l.message === 'going to sleep')?.requestId, 'slow-req');
    await fn.instance.dispose();
  });

  it('reports sys.exit(1) as Runtime.ExitError', async () => {
    const fn = await start(driver, spec({ handler: 'app.exit_now' }));
    const result = assertError(await fn.invoke({}, { requestId: 'exit-req' }), 'crash');
    assert.deepEqual(result.error, { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: exit-req Error: Runtime exited with error: exit status 1' });
    assert.equal(fn.instance.dead, true);
    assert.ok(messages(fn.logs).includes('RequestId: exit-req Error: Runtime exited with error: exit status 1\nRuntime.ExitError'));
    await fn.instance.dispose();
  });

  it('reports resident memory above MemorySize as Runtime.OutOfMemory', async () => {
    const fn = await start(driver, spec({ handler: 'app.hog', memoryMb: 128, timeoutSeconds: 10 }));
    const result = assertError(await fn.invoke({ mb: 200 }, { requestId: 'hog-req' }), 'crash');
    assert.deepEqual(result.error, { errorType: 'Runtime.OutOfMemory', errorMessage: 'RequestId: hog-req Error: Runtime exited with error: signal: killed' });
    assert.equal(result.maxMemoryUsedMb, 128);
    assert.equal(fn.instance.dead, true);
    await fn.instance.dispose();
  });

  it('kills a runaway allocation at the address-space limit as Runtime.OutOfMemory', async () => {
    const fn = await start(driver, spec({ handler: 'app.runaway', memoryMb: 128, timeoutSeconds: 10 }));
    const result = assertError(await fn.invoke({}), 'crash');
    assert.equal(result.error.errorType, 'Runtime.OutOfMemory');
    await fn.instance.dispose();
  });

  it('fails a response over 6 MB with Function.ResponseSizeTooLarge and keeps the instance', async () => {
    const fn = await start(driver, spec({ handler: 'app.big', memoryMb: 512 }));
    const result = assertError(await fn.invoke({ bytes: 7 * 1024 * 1024 }), 'handled');
    assert.equal(result.error.errorType, 'Function.ResponseSizeTooLarge');
    assert.equal(result.error.errorMessage, 'Response payload size (7340034 bytes) exceeded maximum allowed payload size (6291556 bytes).');
    assert.equal(fn.instance.dead, false);
    const small = await fn.invoke({ bytes: 10 });
    assert.equal(small.status, 'success');
    await fn.instance.dispose();
  });

  it('an instance failure does not affect another instance', async () => {
    const a = await start(driver, spec({ handler: 'app.exit_now' }));
    const b = await start(driver, spec());
    assert.equal((await a.invoke({})).status, 'error');
    assert.equal((await b.invoke({})).status, 'success');
    await Promise.all([a.instance.dispose(), b.instance.dispose()]);
  });
});
