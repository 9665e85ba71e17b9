#!/usr/bin/env node
// The installed entry point: runs the prebuilt CLI bundle (built by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('stratus: dist/cli.js is missing; run `npm run build` in the Stratus folder first.\n');
  process.exit(1);
}
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
