import type { Command } from 'commander';
import { callControl, locateServer, type ServerFlags } from '../running-server';
import { parsePositiveInt } from '../options';

interface QueueRow {
  name: string;
  visible: number;
  inFlight: number;
  delayed: number;
  deadLetterQueue?: string;
  maxReceiveCount?: number;
}

// Server options live on the parent; subcommands read them with optsWithGlobals().
const serverOptions = (cmd: Command) =>
  cmd
    .option('--edge-url <url>', 'edge URL of the running Stratus (default: from its state folder, else http://127.0.0.1:4566)')
    .option('--state-dir <dir>', 'state folder of the running Stratus')
    .option('-t, --template <file>', 'template whose running Stratus to ask');

export function addQueuesCommand(program: Command): void {
  const queues = serverOptions(program.command('queues').description('Queue depths of a running Stratus; subcommands peek, purge, redrive'));
  queues.action(async (flags: ServerFlags) => {
    const rows = (await callControl(locateServer(flags), 'GET', 'queues')) as QueueRow[];
    if (rows.length === 0) return void process.stdout.write('no queues\n');
    const lines = [['QUEUE', 'VISIBLE', 'IN FLIGHT', 'DELAYED', 'DEAD-LETTER QUEUE'].join('\t')];
    for (const r of rows) lines.push([r.name, r.visible, r.inFlight, r.delayed, r.deadLetterQueue ? `${r.deadLetterQueue} (after ${r.maxReceiveCount})` : '-'].join('\t'));
    process.stdout.write(lines.join('\n') + '\n');
  });
  (queues.command('peek').description('Show messages without receiving them').argument('<name>', 'queue name'))
    .option('-n, --max <n>', 'how many (default 10, at most 100)', parsePositiveInt)
    .action(async (name: string, _flags: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as ServerFlags & { max?: number };
      const messages = await callControl(locateServer(flags), 'GET', `queues/${encodeURIComponent(name)}/messages?max=${flags.max ?? 10}`);
      process.stdout.write(JSON.stringify(messages, null, 2) + '\n');
    });
  (queues.command('purge').description('Delete every message of a queue').argument('<name>', 'queue name')).action(
    async (name: string, _flags: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as ServerFlags;
      const { purged } = (await callControl(locateServer(flags), 'POST', `queues/${encodeURIComponent(name)}/purge`)) as { purged: number };
      process.stdout.write(`purged ${purged} message(s) from ${name}\n`);
    },
  );
  (queues.command('redrive').description('Move a dead-letter queue\'s messages back to their source queues').argument('<name>', 'dead-letter queue name'))
    .option('--to <queue>', 'move them to this queue instead')
    .action(async (name: string, _flags: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as ServerFlags & { to?: string };
      const task = (await callControl(locateServer(flags), 'POST', `queues/${encodeURIComponent(name)}/redrive`, { destination: flags.to })) as { TaskHandle?: string };
      process.stdout.write(`redrive started (task ${task.TaskHandle ?? '?'})\n`);
    });
}
