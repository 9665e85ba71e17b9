/**
 * The loader hooks' side of TypeScript compilation: ask the main thread (typescript.ts) over the
 * port the driver handed to this worker. A compile error becomes a SyntaxError, which the
 * runtime reports as Runtime.UserCodeSyntaxError.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CompileReply, CompileRequest } from '../typescript';

const TS_EXTENSION = /\.(c|m)?tsx?$/;

export const isTypeScriptUrl = (url: string): boolean => url.startsWith('file:') && TS_EXTENSION.test(new URL(url).pathname);

export function createCompileClient(port: MessagePort): (file: string, source: string) => Promise<string> {
  let nextId = 0;
  const waiting = new Map<number, (reply: CompileReply) => void>();
  port.on('message', (reply: CompileReply) => {
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
    if (waiting.size === 0) port.unref();
  });
  port.unref();
  return (file, source) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (reply) => ('code' in reply ? resolve(reply.code) : reject(new SyntaxError(reply.syntaxError))));
      port.ref();
      port.postMessage({ id, file, source } satisfies CompileRequest);
    });
}
