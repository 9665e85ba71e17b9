/** Cold start figures (printed, not asserted) and the driver running from a production-style bundle. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { createNodeDriver } from '../../src/runtime/node/index';
import { stratusPackageRoot } from '../../src/runtime/node/scripts';
import type { RuntimeDriver } from '../../src/runtime/types';
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

async function coldStartMs(driver: RuntimeDriver, dir: string, handler: string): Promise<number> {
  const begin = performance.now();
  const fn = await start(driver, makeSpec(path.join(fixtures.dir, dir), handler), started);
  payloadOf(await fn.invoke());
  const elapsed = performance.now() - begin;
  await fn.instance.dispose();
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

test('cold start: createInstance → first result', async (t) => {
  const driver = createNodeDriver();
  await coldStartMs(driver, 'basic', 'common.handler'); // compiles the worker scripts once
  for (const [label, dir, handler] of [
    ['CommonJS', 'basic', 'common.handler'],
    ['ES module', 'basic', 'esm.handler'],
    ['TypeScript', 'ts', 'app.handler'],
  ] as const) {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) samples.push(await coldStartMs(driver, dir, handler));
    t.diagnostic(`cold start ${label}: median ${median(samples).toFixed(1)} ms (${samples.map((s) => s.toFixed(0)).join(', ')})`);
  }
});

test('runs from a bundle laid out like dist/ (cli.js + node-worker.js + node-loader-hooks.js)', async () => {
  const root = stratusPackageRoot();
  const src = path.join(root, 'src', 'runtime', 'node');
  // Inside node_modules/.cache so bare imports (esbuild) resolve as they do from dist/.
  const out = fs.mkdtempSync(path.join(root, 'node_modules', '.cache', 'stratus-bundle-test-'));
  try {
    await build({
      entryPoints: { cli: path.join(src, 'index.ts'), 'node-worker': path.join(src, 'worker.ts'), 'node-loader-hooks': path.join(src, 'loader-hooks.ts') },
      outdir: out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    });
    const bundled = (await import(pathToFileURL(path.join(out, 'cli.js')).href)) as { createNodeDriver: typeof createNodeDriver };
    const driver = bundled.createNodeDriver();
    for (const [dir, handler, expected] of [
      ['basic', 'common.handler', { style: 'cjs' }],
      ['basic', 'esm.handler', { style: 'mjs', event: {} }],
      ['ts', 'app.handler', { message: 'HELLO UNDEFINED!', dir: true }],
    ] as const) {
      const fn = await start(driver, makeSpec(path.join(fixtures.dir, dir), handler), started);
      assert.deepEqual(payloadOf(await fn.invoke()), expected);
    }
  } finally {
    await disposeAll(started);
    fs.rmSync(out, { recursive: true, force: true });
  }
});
