import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Read from package.json so the bundle and the source agree; both sit one or two levels below it. */
export const VERSION: string = (() => {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'stratus' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
})();
