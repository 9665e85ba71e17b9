import type { Command } from 'commander';
import { UserError } from '../../shared/errors';
import { callControl, locateServer, type ServerFlags } from '../running-server';

interface PutFlags extends ServerFlags {
  bus: string;
  detailType: string;
  source: string;
  detail: string;
}

export function addEventsCommand(program: Command): void {
  const events = program.command('events').description('EventBridge events on a running Stratus');
  events
    .command('put')
    .description('PutEvents one event onto a bus')
    .requiredOption('--source <source>', 'event source, e.g. shop.orders')
    .requiredOption('--detail-type <type>', 'detail-type, e.g. OrderShipped')
    .option('--detail <json>', 'detail as a JSON object', '{}')
    .option('--bus <name>', 'event bus', 'default')
    .option('--edge-url <url>', 'edge URL of the running Stratus')
    .option('--state-dir <dir>', 'state folder of the running Stratus')
    .option('-t, --template <file>', 'template whose running Stratus to ask')
    .action(async (flags: PutFlags) => {
      let detail: unknown;
      try {
        detail = JSON.parse(flags.detail);
      } catch {
        throw new UserError('BadFlag', `--detail is not valid JSON: ${flags.detail}`);
      }
      const out = (await callControl(locateServer(flags), 'POST', 'events', { bus: flags.bus, source: flags.source, detailType: flags.detailType, detail })) as {
        Entries: ({ EventId: string } | { ErrorCode: string; ErrorMessage: string })[];
      };
      const entry = out.Entries[0];
      if ('ErrorCode' in entry) throw new UserError(entry.ErrorCode, entry.ErrorMessage);
      process.stdout.write(`${entry.EventId}\n`);
    });
}
