/**
 * Entry point of the log writer thread (see writer-thread.ts): its own connection to the same
 * database file, running the same batch append. Bundled to dist/sqlite-log-writer.js.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openDatabase } from '../connection';
import { decodeBatch, type AppendReply, type AppendRequest, type WriterBoot } from './batch-codec';
import { prepareAppend } from './sql/append';

await serve(parentPort!, (workerData as WriterBoot).path);

async function serve(port: MessagePort, path: string): Promise<void> {
  const db = await openDatabase(path);
  const append = prepareAppend(db);
  port.on('message', (request: AppendRequest) => {
    try {
      append(decodeBatch(request), request.ingestionTime);
      port.postMessage({ id: request.id } satisfies AppendReply);
    } catch (err) {
      port.postMessage({ id: request.id, error: (err as Error)?.message ?? String(err) } satisfies AppendReply);
    }
  });
  port.postMessage({ ready: true });
}
