import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { openFunctions } from '../../app/app';
import { UserError } from '../../shared/errors';
import { buildConfig, collect, type CommonFlags } from '../options';
import { printLiveLogs } from '../live-logs';
import { recordedServer } from '../running-server';

interface InvokeFlags extends CommonFlags {
  event?: string;
}

/**
 * Like `sam local invoke`: runs one function once, the response on stdout, the logs on stderr.
 * A function error is still a completed invocation (its payload is printed), as in SAM.
 */
export function addInvokeCommand(program: Command): void {
  program
    .command('invoke')
    .description('Invoke one function once; response on stdout, logs on stderr')
    .argument('<function>', 'logical id or FunctionName')
    .argument('[template]', 'template file or folder', '.')
    .option('-t, --template <file>', 'template file')
    .option('-e, --event <file>', 'event JSON file, or - for standard input (default: {})')
    .option('--parameter-overrides <pairs>', 'template parameters: "Key=Value Key2=Value2"', collect)
    .option('--env-vars <file>', 'JSON file overriding function environment variables')
    .option('--state-dir <dir>', 'where Stratus keeps its state')
    .option('--region <region>', 'AWS region to present')
    .action(async (name: string, target: string, flags: InvokeFlags) => {
      const payload = readEvent(flags.event);
      const config = buildConfig(target, flags);
      // With a `stratus start` running on the same state, the handler's SDK calls reach its edge
      // port (AWS_ENDPOINT_URL); without one they go where the SDK would send them, as with sam local.
      const core = await openFunctions({ ...config, hotReload: false }, undefined, recordedServer(config.stateDir));
      const stopLogs = printLiveLogs(core.logs, process.stderr);
      try {
        if (!core.functions.find(name)) {
          const known = core.functions.list().map((f) => f.logicalId).join(', ') || 'none';
          throw new UserError('UnknownFunction', `no function "${name}" in the template (functions: ${known})`);
        }
        const outcome = await core.functions.invoke(name, payload);
        const body = outcome.status === 'success' ? outcome.payload : JSON.stringify(outcome.error);
        process.stdout.write(body + '\n');
      } finally {
        await core.stop();
        stopLogs();
      }
    });
}

function readEvent(source: string | undefined): string {
  if (source === undefined) return '{}';
  let text: string;
  try {
    text = readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (err) {
    throw new UserError('BadEvent', `cannot read event ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    JSON.parse(text);
  } catch (err) {
    throw new UserError('BadEvent', `event ${source} is not valid JSON: ${(err as Error).message}`);
  }
  return text;
}
