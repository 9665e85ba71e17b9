// The floor of Stratus's design, for bench/cpu-per-request.ts: node:http answering through one
// worker-thread round trip per request (one postMessage each way, one invocation per worker at a
// time, two workers), and nothing else: no event mapping, logs, timers or pool bookkeeping.
import { createServer } from 'node:http';
import { Worker } from 'node:worker_threads';

const WORKERS = Number(process.argv[2] ?? 2);
const source = `
const { parentPort } = require('node:worker_threads');
const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
parentPort.on('message', async (m) => {
  const result = await handler(JSON.parse(m.payload));
  parentPort.postMessage({ requestId: m.requestId, payload: JSON.stringify(result) });
});`;
const idle = [];
const waiting = [];
for (let i = 0; i < WORKERS; i++) {
  const worker = new Worker(source, { eval: true });
  worker.on('message', (m) => {
    const done = worker.done;
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
    done(m);
  });
  idle.push(worker);
}
const withWorker = (fn) => {
  const worker = idle.pop();
  if (worker) fn(worker);
  else waiting.push(fn);
};
const server = createServer((req, res) => {
  withWorker((worker) => {
    worker.done = (m) => {
      const r = JSON.parse(m.payload);
      res.writeHead(r.statusCode, ['content-type', r.headers['content-type'], 'Content-Length', String(Buffer.byteLength(r.body))]);
      res.end(r.body);
    };
    worker.postMessage({ requestId: 'id', payload: JSON.stringify({ version: '2.0', rawPath: req.url, headers: req.headers }) });
  });
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
