/**
 * SQS through the real `@aws-sdk/client-sqs` (AWS JSON 1.0): SendMessage ops/s and
 * Receive+Delete ops/s (ReceiveMessage of one message, then its DeleteMessage) against Stratus
 * (started with startApp, embedded SQLite engine) next to the same client code against moto's
 * server (`python3 -m moto.server`) started in the same run. The client runs in its own process
 * with CONCURRENCY loops for a fixed time per phase. Target: ≥ 5× moto.
 */
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientOpsPerSecond, measureBoth, opsRow } from './moto';

const CONCURRENCY = Number(process.env.BENCH_SQS_CONCURRENCY ?? 8);

interface Rates {
  send: number;
  receiveDelete: number;
}

export async function benchSqs(seconds: number): Promise<string[]> {
  const { stratus, moto } = await measureBoth('sqs', (endpoint) => measure(endpoint, seconds));
  const lines = [`## SQS through @aws-sdk/client-sqs (JSON protocol), ${CONCURRENCY} concurrent client loops, ${seconds} s per phase`];
  const m = moto instanceof Error ? undefined : moto;
  lines.push(opsRow('SendMessage', stratus.send, m?.send, '   (target ≥ 5×)'));
  lines.push(opsRow('ReceiveMessage(1) + DeleteMessage', stratus.receiveDelete, m?.receiveDelete, '   (target ≥ 5×)'));
  if (moto instanceof Error) lines.push(`moto baseline unavailable: ${moto.message}`);
  return lines;
}

/** The same two phases, the same client code, whatever the server. */
async function measure(endpoint: string, seconds: number): Promise<Rates> {
  const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-sqs' }));
  sqs.destroy();
  const send = await clientPhase(endpoint, QueueUrl!, 'send', seconds);
  const receiveDelete = await clientPhase(endpoint, QueueUrl!, 'receive-delete', seconds);
  return { send, receiveDelete };
}

function clientPhase(endpoint: string, queueUrl: string, phase: string, seconds: number): Promise<number> {
  return clientOpsPerSecond('sqs-client.ts', [endpoint, queueUrl, phase, String(seconds), String(CONCURRENCY)], seconds);
}
