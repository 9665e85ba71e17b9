/**
 * The asynchronous path on the embedded engine: SQS → trivial Node function (batch 10) end to
 * end, next to the same messages through the queue service alone (send, receive 10, delete 10:
 * the ceiling for the function path); and how late schedule ticks fire.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startApp } from '../src/app/app';
import { AdjustableClock } from '../src/shared/clock';
import { REPO, fmt } from './support';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);

export async function benchAsync(): Promise<string[]> {
  const stateDir = mkdtempSync(join(tmpdir(), 'stratus-bench-async-'));
  const clock = new AdjustableClock();
  const app = await startApp(
    {
      templatePath: join(REPO, 'bench/apps/queue/template.yaml'),
      host: '127.0.0.1', port: 0, edgePort: 0, stateDir,
      engineUrl: `sqlite:${join(stateDir, 'stratus.db')}`,
      region: 'us-east-1', accountId: '000000000000', parameterOverrides: {}, envVars: {}, hotReload: false,
    },
    clock,
  );
  const lines: string[] = [];
  try {
    const { queues } = app;
    // Baseline: a queue nobody consumes, driven directly.
    const { QueueUrl: bare } = await queues.createQueue({ QueueName: 'bench-bare' });
    const t0 = performance.now();
    await sendAll(queues, bare!, MESSAGES);
    let drained = 0;
    while (drained < MESSAGES) {
      const { Messages = [] } = await queues.receiveMessage({ QueueUrl: bare!, MaxNumberOfMessages: 10 });
      if (Messages.length === 0) break;
      await queues.deleteMessageBatch({ QueueUrl: bare!, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) });
      drained += Messages.length;
    }
    const bareRate = MESSAGES / ((performance.now() - t0) / 1000);

    const url = queues.getQueueUrl ? (await queues.getQueueUrl({ QueueName: 'bench-jobs' })).QueueUrl! : '';
    const cpu1 = process.cpuUsage();
    const t1 = performance.now();
    await sendAll(queues, url, MESSAGES);
    for (;;) {
      const { Attributes = {} } = await queues.getQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] });
      if (Attributes.ApproximateNumberOfMessages === '0' && Attributes.ApproximateNumberOfMessagesNotVisible === '0') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const e2eRate = MESSAGES / ((performance.now() - t1) / 1000);
    const cpu = process.cpuUsage(cpu1);
    // All threads of this process (sender, engine, pollers, function workers): robust to a busy machine.
    const e2eCpuUs = (cpu.user + cpu.system) / MESSAGES;

    // Schedule lateness: move the clock exactly to each next due time and let the tick fire.
    for (let i = 0; i < 20; i++) {
      const [ticker] = (await app.schedules.list()).filter((s) => s.nextFireAt !== undefined);
      clock.setTime(ticker.nextFireAt!);
      await new Promise((r) => setTimeout(r, 30));
    }
    const late = app.schedules.lateness();

    lines.push(`## SQS → trivial Node function, batch 10, ${fmt(MESSAGES)} messages, embedded SQLite engine`);
    lines.push(`queue service alone (send 10 / receive 10 / delete 10)  ${fmt(bareRate).padStart(8)} msg/s   (baseline: the ceiling)`);
    lines.push(`end to end through the poller and the function         ${fmt(e2eRate).padStart(8)} msg/s   ratio ${fmt(e2eRate / bareRate, 2)}   (target ≥ 10,000 msg/s)`);
    lines.push(`  CPU time, all threads, sends included                 ${fmt(e2eCpuUs, 1).padStart(8)} µs/msg`);
    lines.push(`## Schedule ticks (${late.count} ticks, clock moved to each due time)`);
    lines.push(`lateness vs due time: p50 ${fmt(late.p50, 1)} ms   p99 ${fmt(late.p99, 1)} ms   max ${fmt(late.max, 1)} ms   (target within 50 ms)`);
  } finally {
    await app.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
  return lines;
}

async function sendAll(queues: Awaited<ReturnType<typeof startApp>>['queues'], url: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    const entries = Array.from({ length: Math.min(10, count - i) }, (_, j) => ({ Id: String(j), MessageBody: `{"n":${i + j}}` }));
    await queues.sendMessageBatch({ QueueUrl: url, Entries: entries });
  }
}
