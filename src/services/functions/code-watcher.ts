/**
 * Watches a function's code and layer folders so new instances load edited code without a restart.
 * Node 20's recursive fs.watch works on Linux; a folder that cannot be watched only loses hot reload.
 */
import { watch, type FSWatcher } from 'node:fs';

export interface CodeWatcher {
  close(): void;
}

export function watchCode(dirs: string[], onChange: () => void): CodeWatcher | undefined {
  const watchers: FSWatcher[] = [];
  for (const dir of new Set(dirs)) {
    try {
      const w = watch(dir, { recursive: true, persistent: false }, onChange);
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // Unwatchable (removed, permissions, too many watches): hot reload is off for it.
    }
  }
  if (watchers.length === 0) return undefined;
  return { close: () => watchers.forEach((w) => w.close()) };
}
