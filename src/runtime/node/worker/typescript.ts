/**
 * TypeScript → JavaScript for one file, with esbuild's transform (types stripped, no type check,
 * as `sam build` with esbuild does). Output is always an ES module; CommonJS globals the source
 * uses (`require`, `__dirname`, `__filename`) are defined for it, since ESM lacks them.
 */
const TS_EXTENSION = /\.(c|m)?tsx?$/;

export const isTypeScriptUrl = (url: string): boolean => url.startsWith('file:') && TS_EXTENSION.test(new URL(url).pathname);

type Transform = typeof import('esbuild').transform;
let transformer: Promise<Transform> | undefined;

export async function compileTypeScript(file: string, source: string): Promise<string> {
  transformer ??= import('esbuild').then((esbuild) => esbuild.transform);
  const transform = await transformer;
  const result = await transform(source, {
    loader: file.endsWith('x') ? 'tsx' : 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: file,
    sourcemap: 'inline',
  });
  return commonJsGlobals(result.code) + result.code;
}

function commonJsGlobals(code: string): string {
  const wanted = (name: string) =>
    new RegExp(`\\b${name}\\b`).test(code) && !new RegExp(`\\b(const|let|var|function|class|import)\\s+${name}\\b`).test(code);
  const lines: string[] = [];
  if (wanted('require')) {
    lines.push(`import { createRequire as __stratusCreateRequire } from 'node:module'; const require = __stratusCreateRequire(import.meta.url);`);
  }
  if (wanted('__filename') || wanted('__dirname')) {
    lines.push(`import { fileURLToPath as __stratusToPath } from 'node:url';`);
    if (wanted('__filename')) lines.push(`const __filename = __stratusToPath(import.meta.url);`);
    if (wanted('__dirname')) {
      lines.push(`import { dirname as __stratusDirname } from 'node:path';`);
      lines.push(`const __dirname = __stratusDirname(__stratusToPath(import.meta.url));`);
    }
  }
  // One line, no newline: the inline source map's line numbers stay right.
  return lines.length ? lines.join(' ') + ' ' : '';
}
