/**
 * Whether an ES module handler needs the loader hooks, decided before the worker starts: the
 * hooks cost a thread of their own (~30 ms of Init Duration on an idle machine, much more on a
 * busy one), and an ES module that can never hit what they add loads the same without them.
 * What they add (loader-hooks.ts): TypeScript, layers' packages for bare imports, and the runtime's
 * own packages (the prefixes, `@aws-sdk/`) when the function's folders lack them.
 *
 * So hooks are skipped only when all of these hold, checked on the function's own files:
 * no layers; no TypeScript file in the code folder; no `node_modules` in it (a dependency could
 * import a runtime package); and no file in it mentions a runtime prefix (a static or dynamic
 * import of `@aws-sdk/...`). Anything unusual (a huge folder, an unreadable file) keeps the hooks.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Past these, the folder is not scanned and the hooks are kept. */
const MAX_ENTRIES = 400;
const MAX_BYTES = 8 * 1024 * 1024;

const SOURCE_FILE = /\.(m|c)?js$/;
const TYPESCRIPT_FILE = /\.(m|c)?tsx?$/;

export function esmHandlerNeedsHooks(codeDir: string, layerDirs: readonly string[], runtimePrefixes: readonly string[]): boolean {
  if (layerDirs.length > 0) return true;
  try {
    return folderMayNeedHooks(codeDir, runtimePrefixes);
  } catch {
    return true;
  }
}

function folderMayNeedHooks(root: string, prefixes: readonly string[]): boolean {
  const budget = { entries: MAX_ENTRIES, bytes: MAX_BYTES };
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (--budget.entries < 0) return true;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules') return true;
        folders.push(full);
      } else if (!entry.isFile()) {
        return true; // a symlink may lead anywhere, including to packages
      } else if (TYPESCRIPT_FILE.test(entry.name)) {
        return true;
      } else if (SOURCE_FILE.test(entry.name)) {
        const size = fs.statSync(full).size;
        budget.bytes -= size;
        if (budget.bytes < 0) return true;
        const text = fs.readFileSync(full, 'utf8');
        if (prefixes.some((prefix) => text.includes(prefix))) return true;
      }
    }
  }
  return false;
}
