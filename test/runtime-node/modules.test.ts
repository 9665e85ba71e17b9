/** Module resolution as on Lambda: layers, the runtime's own packages, fresh code per instance. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveHandlerFile, splitHandler } from '../../src/runtime/handler-path';
import { createNodeDriver } from '../../src/runtime/node/index';
import { copyFixtures, disposeAll, makeSpec, payloadOf, start, type Started } from './helpers';

const started: Started[] = [];
let fixtures: ReturnType<typeof copyFixtures>;
before(() => {
  fixtures = copyFixtures();
});
after(async () => {
  await disposeAll(started);
  fixtures.cleanup();
});
const at = (...parts: string[]) => path.join(fixtures.dir, ...parts);

describe('layers', () => {
  const layerDirs = () => [at('layer-a'), at('layer-b')];
  test('require() finds a package in a layer (nodejs/node_modules)', async () => {
    const fn = await start(createNodeDriver(), makeSpec(at('basic'), 'layers.handler', { layerDirs: layerDirs() }), started);
    assert.deepEqual(payloadOf(await fn.invoke()), { cjs: 'layer-lib from layer-a' });
  });
  test('an ES module handler reaches layers by require and by import (nodejs/node20/node_modules)', async () => {
    const fn = await start(createNodeDriver(), makeSpec(at('esm-pkg'), 'index.fromLayers', { layerDirs: layerDirs() }), started);
    assert.deepEqual(payloadOf(await fn.invoke()), { cjs: 'layer-lib from layer-a', esm: 'layer-esm from layer-b' });
  });
});

describe("the runtime's own packages (@aws-sdk/* on Lambda)", () => {
  const driver = createNodeDriver({ runtimeModulePrefixes: ['yaml'] });
  test('require() of a listed package falls back to Stratus node_modules', async () => {
    const fn = await start(driver, makeSpec(at('fallback'), 'cjs.handler'), started);
    assert.deepEqual(payloadOf(await fn.invoke()), { stringify: 'function' });
  });
  test('import of a listed package falls back too', async () => {
    const fn = await start(driver, makeSpec(at('fallback'), 'esm.handler'), started);
    assert.deepEqual(payloadOf(await fn.invoke()), { stringify: 'function' });
  });
  test('packages not listed stay invisible', async () => {
    const fn = await start(driver, makeSpec(at('fallback'), 'esm.other'), started);
    const result = await fn.invoke();
    assert.equal(result.status === 'error' && result.error.errorMessage.includes("Cannot find package 'commander'"), true);
    const defaults = await start(createNodeDriver(), makeSpec(at('fallback'), 'cjs.handler'), started);
    const refused = await defaults.invoke();
    // Required inside the handler, so it fails the invocation (not init) with Node's own error.
    assert.equal(refused.status === 'error' && refused.error.errorType, 'Error');
    assert.match(refused.status === 'error' ? refused.error.errorMessage : '', /^Cannot find module 'yaml'/);
  });
  test("a handler's own bundled copy wins", async () => {
    const fn = await start(driver, makeSpec(at('fallback', 'own'), 'app.handler'), started);
    assert.deepEqual(payloadOf(await fn.invoke()), { own: true });
  });
});

describe('fresh code per instance (hot reload disposes and recreates)', () => {
  test('a new instance sees edited JavaScript and TypeScript', async () => {
    const driver = createNodeDriver();
    const dir = at('ts');
    const before = await start(driver, makeSpec(dir, 'app.handler'), started);
    assert.deepEqual(payloadOf(await before.invoke({ name: 'a' })), { message: 'HELLO A!', dir: true });
    fs.writeFileSync(path.join(dir, 'lib', 'shout.ts'), 'export const shout = (t: string): string => `${t}?`;\n');
    assert.deepEqual(payloadOf(await before.invoke({ name: 'a' })), { message: 'HELLO A!', dir: true }, 'warm keeps old code');
    const fresh = await start(driver, makeSpec(dir, 'app.handler'), started);
    assert.deepEqual(payloadOf(await fresh.invoke({ name: 'a' })), { message: 'hello a?', dir: true });
  });
});

describe('handler paths', () => {
  test('Node splits at the first dot of the last segment', () => {
    assert.deepEqual(splitHandler('src/handlers/app.group.handler'), { moduleRoot: 'src/handlers/', moduleName: 'app', exportPath: 'group.handler' });
    assert.throws(() => splitHandler('../app.handler'), { name: 'Runtime.MalformedHandlerName' });
  });
  test('Python splits at the last dot and reads dots as folders', () => {
    assert.deepEqual(splitHandler('pkg.mod.handler', 'last-dot'), { moduleRoot: '', moduleName: 'pkg/mod', exportPath: 'handler' });
  });
  test('resolveHandlerFile tries extensions in order', () => {
    assert.equal(resolveHandlerFile(at('basic'), 'common.handler', ['.js', '.mjs', '.cjs']), at('basic', 'common.cjs'));
    assert.equal(resolveHandlerFile(at('basic'), 'nested/dir/deep.group.handler', ['.js']), at('basic', 'nested', 'dir', 'deep.js'));
    assert.equal(resolveHandlerFile(at('basic'), 'nothere.handler', ['.js']), undefined);
  });
});
