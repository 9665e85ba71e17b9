/**
 * When an ES module handler can skip the loader-hook thread: only when nothing the hooks add
 * (TypeScript, layers, the runtime's own packages) is reachable from its folder.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { esmHandlerNeedsHooks } from '../../src/runtime/node/hooks-needed';
import { createNodeDriver } from '../../src/runtime/node/index';
import { disposeAll, makeSpec, payloadOf, start, type Started } from './helpers';

const PREFIXES = ['@aws-sdk/'];
const roots: string[] = [];
const started: Started[] = [];
after(async () => {
  await disposeAll(started);
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stratus-hooks-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const PLAIN = { 'app.mjs': "import { helper } from './lib/helper.mjs';\nexport const handler = async () => ({ v: helper(), url: import.meta.url });\n", 'lib/helper.mjs': 'export const helper = () => 42;\n' };

test('a plain ES module folder needs no hooks', () => {
  assert.equal(esmHandlerNeedsHooks(folder(PLAIN), [], PREFIXES), false);
});

test('layers, TypeScript, node_modules or a runtime package mention keep the hooks', () => {
  assert.equal(esmHandlerNeedsHooks(folder(PLAIN), ['/some/layer'], PREFIXES), true);
  assert.equal(esmHandlerNeedsHooks(folder({ ...PLAIN, 'lib/x.ts': 'export const x = 1;\n' }), [], PREFIXES), true);
  assert.equal(esmHandlerNeedsHooks(folder({ ...PLAIN, 'node_modules/dep/index.js': 'module.exports = 1;\n' }), [], PREFIXES), true);
  assert.equal(esmHandlerNeedsHooks(folder({ ...PLAIN, 'lib/s3.mjs': "export const load = () => import('@aws-sdk/client-s3');\n" }), [], PREFIXES), true);
});

test('a missing folder keeps the hooks (the import then reports the real error)', () => {
  assert.equal(esmHandlerNeedsHooks('/nonexistent/stratus/folder', [], PREFIXES), true);
});

test('an ES module handler loaded without hooks runs with its relative imports and import.meta.url', async () => {
  const dir = folder(PLAIN);
  const fn = await start(createNodeDriver(), makeSpec(dir, 'app.handler'), started);
  const result = payloadOf(await fn.invoke()) as { v: number; url: string };
  assert.equal(result.v, 42);
  assert.equal(result.url, `file://${path.join(dir, 'app.mjs')}`);
});
