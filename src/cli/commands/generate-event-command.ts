import type { Command } from 'commander';
import { UserError } from '../../shared/errors';
import { generateEvent, EVENT_KINDS } from './generate-event';

/**
 * `stratus generate-event <kind> [--key value …]`: sample events as `sam local generate-event`
 * prints them. Options are free-form (`--bucket`, `--key`, `--method`, …) and passed to the kind.
 */
export function addGenerateEventCommand(program: Command): void {
  program
    .command('generate-event')
    .description(`Print a sample event: ${EVENT_KINDS.join(', ')}`)
    .argument('<kind>', 'event kind')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .helpOption('-h, --help', 'show the kinds and their options')
    .action((kind: string, _flags: unknown, command: Command) => {
      if (!EVENT_KINDS.includes(kind)) {
        throw new UserError('UnknownEventKind', `unknown event kind "${kind}" (kinds: ${EVENT_KINDS.join(', ')})`);
      }
      const event = generateEvent(kind, parseFreeOptions(command.args.slice(1)));
      process.stdout.write(JSON.stringify(event, null, 2) + '\n');
    });
}

function parseFreeOptions(args: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const match = /^--([a-zA-Z][\w-]*)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UserError('BadFlag', `generate-event: unexpected argument "${arg}" (use --name value)`);
    const camel = match[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (match[2] !== undefined) options[camel] = match[2];
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) options[camel] = args[++i];
    else throw new UserError('BadFlag', `generate-event: --${match[1]} needs a value`);
  }
  return options;
}
