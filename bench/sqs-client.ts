/**
 * The load side of the SQS benchmark, in its own process so the client's CPU never shares the
 * event loop of the server it measures (Stratus or moto get the same treatment).
 * Usage: node --import tsx bench/sqs-client.ts ENDPOINT QUEUE_URL send|receive-delete SECONDS CONCURRENCY
 * Prints {"ops": n, "seconds": s}.
 */
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { runClientLoops } from './client-loops';

const [endpoint, queueUrl, phase, secondsArg, concurrencyArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const concurrency = Number(concurrencyArg);
const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 });

async function sendLoop(until: number, worker: number): Promise<number> {
  let ops = 0;
  while (performance.now() < until) {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: `{"worker":${worker},"n":${ops}}` }));
    ops++;
  }
  return ops;
}

/** One op = one ReceiveMessage of one message and its DeleteMessage; stops early if the queue runs dry. */
async function receiveDeleteLoop(until: number): Promise<number> {
  let ops = 0;
  while (performance.now() < until) {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1 }));
    if (!Messages?.length) break;
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: Messages[0].ReceiptHandle }));
    ops++;
  }
  return ops;
}

await runClientLoops(concurrency, seconds, (until, i) => (phase === 'send' ? sendLoop(until, i) : receiveDeleteLoop(until)));
sqs.destroy();
