/**
 * TypeScript → JavaScript for one file with esbuild's transform (types stripped, no type check,
 * as `sam build` with esbuild does). Runs in the main thread: workers' loader hooks ask for it
 * over a MessagePort, so every instance shares one warm esbuild service instead of starting its
 * own (~40 ms and one child process each). Output is always an ES module; CommonJS globals the
 * source uses (`require`, `__dirname`, `__filename`) are defined for it, since ESM lacks them.
 */
import type { MessagePort } from 'node:worker_threads';

export interface CompileRequest {
  id: number;
  file: string;
  source: string;
}
export type CompileReply = { id: number; code: string } | { id: number; syntaxError: string };

type Transform = typeof import('esbuild').transform;
let transformer: Promise<Transform> | undefined;

/** Answers one worker's compile requests; the port never keeps Stratus alive. */
export function serveTypeScript(port: MessagePort): void {
  port.on('message', (request: CompileRequest) => {
    compileTypeScript(request.file, request.source).then(
      (code) => port.postMessage({ id: request.id, code } satisfies CompileReply),
      (err: unknown) => port.postMessage({ id: request.id, syntaxError: describeFailure(err) } satisfies CompileReply),
    );
  });
  port.unref();
}

export async function compileTypeScript(file: string, source: string): Promise<string> {
  transformer ??= import('esbuild').then((esbuild) => esbuild.transform);
  const transform = await transformer;
  const result = await transform(source, {
    loader: /x$/.test(file) ? 'tsx' : 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: file,
    sourcemap: 'inline',
  });
  return commonJsGlobals(result.code) + result.code;
}

/** `file:line:column: text` for the first esbuild error, as a compiler would print it. */
function describeFailure(err: unknown): string {
  const first = (err as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors?.[0];
  if (!first) return String((err as Error)?.message ?? err);
  const at = first.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
  return `${at}${first.text}`;
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
