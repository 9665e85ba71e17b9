import type { Command } from 'commander';
import { callControl, locateServer, type ServerFlags } from '../running-server';

interface ScheduleRow {
  name: string;
  expression: string;
  timezone: string;
  state: string;
  nextFireAt?: number;
  lastFiredAt?: number;
  targets: string[];
}

// Server options live on the parent; subcommands read them with optsWithGlobals().
const serverOptions = (cmd: Command) =>
  cmd
    .option('--edge-url <url>', 'edge URL of the running Stratus')
    .option('--state-dir <dir>', 'state folder of the running Stratus')
    .option('-t, --template <file>', 'template whose running Stratus to ask');

export function addSchedulesCommand(program: Command): void {
  const schedules = serverOptions(program.command('schedules').description('Schedules of a running Stratus with their next fire times; subcommand run'));
  schedules.action(async (flags: ServerFlags) => {
    const rows = (await callControl(locateServer(flags), 'GET', 'schedules')) as ScheduleRow[];
    if (rows.length === 0) return void process.stdout.write('no schedules\n');
    const iso = (ms?: number) => (ms === undefined ? '-' : new Date(ms).toISOString());
    const lines = [['SCHEDULE', 'EXPRESSION', 'STATE', 'NEXT (UTC)', 'LAST (UTC)', 'TARGETS'].join('\t')];
    for (const r of rows) lines.push([r.name, `${r.expression}${r.timezone !== 'UTC' ? ` ${r.timezone}` : ''}`, r.state, iso(r.nextFireAt), iso(r.lastFiredAt), r.targets.join(',')].join('\t'));
    process.stdout.write(lines.join('\n') + '\n');
  });
  (schedules.command('run').description('Fire a schedule now (its targets get a tick)').argument('<name>', 'schedule or rule name')).action(
    async (name: string, _flags: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as ServerFlags;
      await callControl(locateServer(flags), 'POST', `schedules/${encodeURIComponent(name)}/run`);
      process.stdout.write(`fired ${name}\n`);
    },
  );
}
