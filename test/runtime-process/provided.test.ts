import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProvidedDriver } from '../../src/runtime/runtime-api';
import { FIXTURES, spec, start } from './helpers';

const driver = createProvidedDriver();
let scratch: string;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'stratus-provided-'));
});
after(async () => {
  await driver.close?.();
  rmSync(scratch, { recursive: true, force: true });
});

const providedSpec = (codeDir: string, layerDirs: string[] = []) =>
  spec({ runtime: 'provided.al2023', family: 'provided', handler: 'function.handler', codeDir, layerDirs });

function folder(name: string, bootstrap?: { body: string; mode: number }): string {
  const made = mkdtempSync(join(scratch, `${name}-`));
  if (bootstrap) {
    writeFileSync(join(made, 'bootstrap'), bootstrap.body);
    chmodSync(join(made, 'bootstrap'), bootstrap.mode);
  }
  return made;
}

describe('provided runtimes', () => {
  it('runs a bash + curl bootstrap that echoes the event, warm across invocations', async () => {
    assert.ok(driver.supports('provided') && driver.supports('provided.al2') && driver.supports('provided.al2023'));
    const fn = await start(driver, providedSpec(join(FIXTURES, 'provided-echo')));
    const first = await fn.invoke({ hello: 'world' }, { requestId: 'echo-1' });
    assert.equal(first.status, 'success', JSON.stringify(first));
    if (first.status === 'success') assert.deepEqual(JSON.parse(first.payload), { echo: { hello: 'world' } });
    assert.ok(first.initDurationMs !== undefined);
    const second = await fn.invoke([1, 2], { requestId: 'echo-2' });
    assert.equal(second.status, 'success');
    if (second.status === 'success') assert.deepEqual(JSON.parse(second.payload), { echo: [1, 2] });
    assert.equal(second.initDurationMs, undefined);
    const started = fn.logs.find((l) => l.message === 'bootstrap started for function.handler');
    assert.ok(started);
    assert.equal(started.requestId, undefined);
    assert.equal(fn.logs.find((l) => l.message === 'handling echo-2')?.requestId, 'echo-2');
    await fn.instance.dispose();
  });

  it('finds the bootstrap in a layer when the code has none (/opt/bootstrap)', async () => {
    const layer = folder('layer');
    copyFileSync(join(FIXTURES, 'provided-echo', 'bootstrap'), join(layer, 'bootstrap'));
    chmodSync(join(layer, 'bootstrap'), 0o755);
    const fn = await start(driver, providedSpec(folder('code-without-bootstrap'), [layer]));
    const result = await fn.invoke({ via: 'layer' });
    assert.equal(result.status, 'success', JSON.stringify(result));
    await fn.instance.dispose();
  });

  it('reports a missing bootstrap as Runtime.InvalidEntrypoint', async () => {
    const fn = await start(driver, providedSpec(folder('empty')));
    const result = await fn.invoke({}, { requestId: 'no-boot' });
    assert.equal(result.status, 'error');
    if (result.status !== 'error') return;
    assert.equal(result.kind, 'crash');
    assert.deepEqual(result.error, {
      errorType: 'Runtime.InvalidEntrypoint',
      errorMessage: "RequestId: no-boot Error: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]",
    });
    assert.equal(fn.instance.dead, true);
    await fn.instance.dispose();
  });

  it('reports a bootstrap that is not executable as Runtime.InvalidEntrypoint', async () => {
    const fn = await start(driver, providedSpec(folder('not-exec', { body: '#!/bin/sh\n', mode: 0o644 })));
    const result = await fn.invoke({}, { requestId: 'perm' });
    assert.equal(result.status, 'error');
    if (result.status === 'error') {
      assert.deepEqual(result.error, {
        errorType: 'Runtime.InvalidEntrypoint',
        errorMessage: 'RequestId: perm Error: fork/exec /var/task/bootstrap: permission denied',
      });
    }
    await fn.instance.dispose();
  });

  it('reports a bootstrap that exits during init as Runtime.ExitError', async () => {
    const code = folder('exits', { body: '#!/bin/sh\necho "cannot start" >&2\nexit 3\n', mode: 0o755 });
    const fn = await start(driver, providedSpec(code));
    const result = await fn.invoke({}, { requestId: 'init-exit' });
    assert.equal(result.status, 'error');
    if (result.status === 'error') {
      assert.equal(result.kind, 'crash');
      assert.deepEqual(result.error, { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: init-exit Error: Runtime exited with error: exit status 3' });
    }
    assert.ok(fn.logs.some((l) => l.message === 'cannot start'));
    await fn.instance.dispose();
  });

  it('passes an /init/error posted by a custom runtime through to the caller', async () => {
    const body = [
      '#!/bin/sh',
      'curl -sS -X POST "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/init/error" \\',
      '  -H "Lambda-Runtime-Function-Error-Type: Custom.InitFailed" -d \'{"errorMessage":"no config","errorType":"Custom.InitFailed"}\'',
      'exit 1',
    ].join('\n');
    const fn = await start(driver, providedSpec(folder('init-error', { body, mode: 0o755 })));
    const result = await fn.invoke({});
    assert.equal(result.status, 'error');
    if (result.status === 'error') assert.deepEqual(result.error, { errorMessage: 'no config', errorType: 'Custom.InitFailed' });
    await fn.instance.dispose();
  });
});
