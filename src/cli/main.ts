/**
 * The `stratus` command line. Each command lives in its own file; this one builds the program and
 * turns errors into exit codes: a user error prints one line, a Stratus bug prints its stack.
 */
import { Command, CommanderError } from 'commander';
import { isUserError } from '../shared/errors';
import { addStartCommand } from './commands/start';
import { addInvokeCommand } from './commands/invoke';
import { addLogsCommand } from './commands/logs';
import { addValidateCommand } from './commands/validate';
import { addGenerateEventCommand } from './commands/generate-event-command';
import { addQueuesCommand } from './commands/queues';
import { addSchedulesCommand } from './commands/schedules';
import { addEventsCommand } from './commands/events';
import { addPublishCommand } from './commands/publish';
import { addMailCommand } from './commands/mail';
import { addApisCommand } from './commands/apis';
import { VERSION } from './version';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('stratus')
    .description('Run AWS SAM applications locally: HTTP APIs, functions, logs. No Docker, no AWS account.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const add of [addStartCommand, addInvokeCommand, addLogsCommand, addValidateCommand, addGenerateEventCommand, addQueuesCommand, addSchedulesCommand, addEventsCommand, addPublishCommand, addMailCommand, addApisCommand]) {
    add(program);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander already printed the message (or the help/version text).
    return err.exitCode === 0 ? 0 : 2;
  }
  if (isUserError(err)) {
    process.stderr.write(`stratus: ${err.message}\n`);
    return 1;
  }
  process.stderr.write(`stratus: internal error (please report it):\n${(err as Error)?.stack ?? String(err)}\n`);
  return 70;
}
