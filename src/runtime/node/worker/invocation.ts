/**
 * One invocation, with the Node runtime's completion rules (Runtime.js, CallbackContext.js):
 * - a returned promise completes it when it settles (callbackWaitsForEmptyEventLoop ignored);
 * - `callback(err, result)` completes it once the event loop is empty if
 *   `context.callbackWaitsForEmptyEventLoop` is true (the default), at once if false;
 * - `context.succeed/fail/done` complete it at once;
 * - if the event loop empties with no answer: `null` for a plain handler, Runtime.NodeJsExit for
 *   an async one. Only the first completion counts.
 * "Event loop empty" is the worker's own loop: the driver's message port is unref'd while an
 * invocation runs, so the worker's `beforeExit` fires exactly when the handler's own timers,
 * sockets and promises are done — the same moment Lambda's runtime observes.
 */
import type { LambdaErrorShape } from '../../types';
import type { InvokeMessage } from '../protocol';
import { attachInvocationData, type CallbackContext } from './context';
import { logRuntimeError, setCurrentRequestId } from './console';
import { NodeJsExit, toRapidResponse } from './errors';
import type { Handler } from './load-handler';

export type Outcome = { ok: true; payload: string } | { ok: false; error: LambdaErrorShape };

/** What the worker shell provides: the loop-emptied hook and the completion sink. */
export interface InvocationHost {
  onLoopEmpty(listener: (() => void) | undefined): void;
  complete(outcome: Outcome): void;
}

export function runInvocation(handler: Handler, invoke: InvokeMessage, host: InvocationHost): void {
  setCurrentRequestId(invoke.requestId);
  let finished = false;
  let waitForEmptyEventLoop = true;

  const succeedWith = (result: unknown) => {
    host.onLoopEmpty(undefined);
    let payload: string;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
    } catch {
      return failWith(new Error('Unable to stringify response body'));
    }
    host.complete({ ok: true, payload });
  };
  const failWith = (error: unknown) => {
    host.onLoopEmpty(undefined);
    logRuntimeError('Invoke Error', error);
    host.complete({ ok: false, error: toRapidResponse(error) });
  };
  const once =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      if (finished) return;
      fn(...args);
      finished = true;
    };

  const done = (err?: unknown, result?: unknown) => (err !== undefined && err !== null ? failWith(err) : succeedWith(result));
  const callback = (err?: unknown, result?: unknown) => {
    if (err !== undefined && err !== null) return failWith(err);
    if (!waitForEmptyEventLoop) return succeedWith(result);
    host.onLoopEmpty(() => setImmediate(() => succeedWith(result)));
  };
  const callbackContext: CallbackContext = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waitForEmptyEventLoop = value;
    },
    succeed: once((result?: unknown) => done(null, result)),
    fail: once((err?: unknown) => done(err === undefined || err === null ? 'handled' : err)),
    done: once(done),
  };
  const wrappedCallback = once(callback);

  const isAsync = handler.constructor?.name === 'AsyncFunction';
  host.onLoopEmpty(() => {
    finished = true;
    if (isAsync) return failWith(new NodeJsExit());
    succeedWith(null);
  });

  try {
    const event = JSON.parse(invoke.payload);
    const result = handler(event, attachInvocationData(callbackContext, invoke), wrappedCallback);
    if (isPromiseLike(result)) {
      Promise.resolve(result).then(callbackContext.succeed, callbackContext.fail).catch(callbackContext.fail);
    }
  } catch (err) {
    wrappedCallback(err);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return !!value && typeof (value as { then?: unknown }).then === 'function';
}
