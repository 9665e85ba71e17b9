/**
 * Error shapes exactly as the Node runtime produces them (aws-lambda-nodejs-runtime-interface-
 * client, Errors.js): `toRapidResponse` is what the caller receives, `toFormatted` what is logged.
 */
import util from 'node:util';
import type { LambdaErrorShape } from '../../types';

/** Runtime-defined errors are named `Runtime.<Class>`. */
function runtimeError(name: string) {
  return class extends Error {
    constructor(message?: unknown) {
      super(String(message));
    }
    static {
      this.prototype.name = `Runtime.${name}`;
    }
  };
}

export const ImportModuleError = runtimeError('ImportModuleError');
export const HandlerNotFound = runtimeError('HandlerNotFound');
export const MalformedHandlerName = runtimeError('MalformedHandlerName');
export const UserCodeSyntaxError = runtimeError('UserCodeSyntaxError');
export const UnhandledPromiseRejection = runtimeError('UnhandledPromiseRejection');

/** Sent when an async handler's promise never settles and the event loop empties (Runtime.js). */
export class NodeJsExit extends Error {
  constructor() {
    super(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  }
  static {
    this.prototype.name = 'Runtime.NodeJsExit';
  }
}

/** Error-like objects from other realms count as errors too, as in the runtime. */
function isErrorLike(value: unknown): value is Error {
  if (util.types.isNativeError(value)) return true;
  const v = value as Partial<Error> | null;
  return !!v && typeof v.name === 'string' && typeof v.message === 'string' && typeof v.stack === 'string' && !!v.name && !!v.message && !!v.stack;
}

export function toRapidResponse(error: unknown): LambdaErrorShape {
  try {
    if (isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** `\t` + JSON of the error with its name, message, code, own fields and stack lines. */
export function toFormatted(error: unknown): string {
  try {
    return '\t' + JSON.stringify(error, (_key, value) => withEnumerableProperties(value));
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

function withEnumerableProperties(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const copy: Record<string, unknown> = {
    errorType: value.name,
    errorMessage: value.message,
    code: (value as { code?: unknown }).code,
    ...value,
  };
  if (typeof value.stack === 'string') copy.stack = value.stack.split('\n');
  return copy;
}

/** Text-format error logging wraps non-errors first (LogPatch.js `textErrorLogger`). */
export function intoError(value: unknown): Error {
  return value instanceof Error ? value : new Error(value as string);
}
