import type { Command } from 'commander';
import { callControl, locateServer, type ServerFlags } from '../running-server';
import type { ApiOverview } from '../../gateways/control/apis';

export function addApisCommand(program: Command): void {
  program
    .command('apis')
    .description('APIs, custom domains and API keys (with their values) of a running Stratus')
    .option('--edge-url <url>', 'edge URL of the running Stratus')
    .option('--state-dir <dir>', 'state folder of the running Stratus')
    .option('-t, --template <file>', 'template whose running Stratus to ask')
    .action(async (flags: ServerFlags) => {
      const o = (await callControl(locateServer(flags), 'GET', 'apis')) as ApiOverview;
      const lines: string[] = [];
      for (const api of o.apis) lines.push(`${api.kind === 'rest' ? 'REST' : 'HTTP'} API ${api.logicalId}\t${api.url}`);
      for (const d of o.domains) {
        lines.push(`Custom domain ${d.name}\t${d.url}`);
        for (const m of d.mappings) lines.push(`  /${m.basePath}\t${m.api}`);
      }
      for (const k of o.apiKeys) lines.push(`API key ${k.name}\t${k.value}${k.enabled ? '' : '\t(disabled)'}`);
      process.stdout.write((lines.length ? lines.join('\n') : 'no APIs') + '\n');
    });
}
