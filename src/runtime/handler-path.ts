/**
 * Lambda's `Handler` string → the file that holds it. Shared by the runtimes: Node splits
 * `dir/file.export.nested` at the FIRST dot of the last path segment (aws-lambda-nodejs-runtime-
 * interface-client, UserFunction.js `FUNCTION_EXPR = /^([^.]*)\.(.*)$/`); Python splits at the LAST
 * dot and reads the module part as a dotted path (awslambdaric bootstrap: `handler.rsplit('.', 1)`).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Node's runtime refuses handler strings that climb out of the task root. */
const PARENT_DIRECTORY = '..';

export interface HandlerParts {
  /** Directory part, relative to the code dir, with trailing slash ('' when none), e.g. `src/`. */
  moduleRoot: string;
  /** File name without extension (Node), or module path as slashes (Python), e.g. `app`. */
  moduleName: string;
  /** What to read from the module, e.g. `handler` or `handlers.main` (nested, Node). */
  exportPath: string;
}

export type HandlerSplit = 'first-dot' | 'last-dot';

export class MalformedHandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Runtime.MalformedHandlerName';
  }
}

/** Splits a handler string; throws MalformedHandlerError with the runtime's own message. */
export function splitHandler(handler: string, split: HandlerSplit = 'first-dot'): HandlerParts {
  if (handler.includes(PARENT_DIRECTORY)) {
    throw new MalformedHandlerError(
      `'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const base = path.posix.basename(handler);
  const moduleRoot = handler.slice(0, handler.length - base.length);
  const dot = split === 'first-dot' ? base.indexOf('.') : base.lastIndexOf('.');
  if (dot < 0) throw new MalformedHandlerError('Bad handler');
  const moduleName = base.slice(0, dot);
  const exportPath = base.slice(dot + 1);
  return {
    moduleRoot,
    moduleName: split === 'last-dot' ? moduleName.replaceAll('.', '/') : moduleName,
    exportPath,
  };
}

/** Absolute path of the handler's module without extension, e.g. `/code/src/app`. */
export function handlerModuleBase(codeDir: string, parts: HandlerParts): string {
  return path.resolve(codeDir, parts.moduleRoot, parts.moduleName);
}

/**
 * The first existing file for the handler, trying `extensions` in order ('' = the bare name).
 * Returns undefined when none exists or the handler string is malformed.
 */
export function resolveHandlerFile(
  codeDir: string,
  handler: string,
  extensions: readonly string[],
  split: HandlerSplit = 'first-dot',
): string | undefined {
  let parts: HandlerParts;
  try {
    parts = splitHandler(handler, split);
  } catch {
    return undefined;
  }
  const base = handlerModuleBase(codeDir, parts);
  return extensions.map((ext) => base + ext).find(isFile);
}

export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
