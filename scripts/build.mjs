// Bundles Stratus's own TypeScript into dist/ (one file per entry point). Dependencies stay
// external and load from node_modules, so the bundle is small and builds in milliseconds.
import { build } from 'esbuild';

await build({
  entryPoints: {
    'cli': 'src/cli/main.ts',
    'node-worker': 'src/runtime/node/worker.ts',
    'node-loader-hooks': 'src/runtime/node/loader-hooks.ts',
    'sqlite-log-writer': 'src/engine/sqlite/logs/writer-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
