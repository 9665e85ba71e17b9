import type { Command } from 'commander';
import { openEngine } from '../../engine';
import { loadTemplate } from '../../template';
import { readLogs, formatLogEvent } from '../../services/logs';
import { buildConfig, type CommonFlags } from '../options';

interface LogsFlags extends CommonFlags {
  follow?: boolean;
  since?: string;
  filter?: string;
}

export function addLogsCommand(program: Command): void {
  program
    .command('logs')
    .description("Print a function's logs (Lambda format); --follow keeps printing new lines")
    .argument('<function>', 'logical id or FunctionName')
    .argument('[template]', 'template file or folder', '.')
    .option('-t, --template <file>', 'template file')
    .option('-f, --follow', 'keep printing new lines as they are written')
    .option('-s, --since <when>', 'start from this long ago (30s, 10m, 1h, 2d) or an ISO time', '10m')
    .option('--filter <text>', 'only lines holding every term (CloudWatch plain-term filter)')
    .option('--state-dir <dir>', 'where Stratus keeps its state')
    .option('--engine <url>', 'engine backend URL')
    .action(async (name: string, target: string, flags: LogsFlags) => {
      const config = buildConfig(target, flags);
      const model = await loadTemplate(config.templatePath, { parameterOverrides: config.parameterOverrides }).catch(() => undefined);
      const fn = model?.functions.find((f) => f.logicalId === name || f.name === name);
      const group = `/aws/lambda/${fn?.name ?? name}`;
      const engine = await openEngine(config.engineUrl);
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await readLogs(engine.logs, {
          group,
          since: flags.since,
          filter: flags.filter,
          follow: Boolean(flags.follow),
          signal: abort.signal,
          onEvent: (event) => process.stdout.write(formatLogEvent(event) + '\n'),
        });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await engine.close();
      }
    });
}
