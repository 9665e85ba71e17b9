import type { Command } from 'commander';
import { relative } from 'node:path';
import { startApp, type RunningApp } from '../../app/app';
import { buildConfig, collect, parsePort, parsePositiveInt, type CommonFlags } from '../options';
import { printLiveLogs } from '../live-logs';
import { recordRunningServer } from '../running-server';

/** In-flight API requests get this long to finish after Ctrl-C/SIGTERM before they are cut. */
const SHUTDOWN_GRACE_MS = 5_000;

export function addStartCommand(program: Command): void {
  program
    .command('start')
    .description('Serve the template\'s APIs and run its functions until stopped (Ctrl-C)')
    .argument('[template]', 'template file or folder holding template.yaml|yml|json', '.')
    .option('-t, --template <file>', 'template file (same as the argument)')
    .option('-p, --port <port>', 'first port for the app APIs (one port per API)', parsePort, 3000)
    .option('--edge-port <port>', 'port of the AWS-compatible endpoints and the console', parsePort, 4566)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--state-dir <dir>', 'where Stratus keeps its state (default: .stratus beside the template)')
    .option('--engine <url>', 'engine backend URL (default sqlite:<state-dir>/stratus.db)')
    .option('--parameter-overrides <pairs>', 'template parameters: "Key=Value Key2=Value2" (repeatable)', collect)
    .option('--env-vars <file>', 'JSON file overriding function environment variables, as in SAM')
    .option('--region <region>', 'AWS region to present (default us-east-1)')
    .option('--max-instances <n>', 'instances per function without reserved concurrency (default 8)', parsePositiveInt)
    .option('--no-hot-reload', 'do not reload functions when their code changes')
    .option('--credentials <keyid:secret>', 'strict mode: AWS requests must be SigV4-signed with these credentials (repeatable)', collect)
    .option('--smtp-relay <url>', 'also send every mail (SES, SNS e-mail) to this SMTP server, e.g. smtp://127.0.0.1:1025 (env STRATUS_SMTP_RELAY)')
    .option('--clock <mode>', 'system, or adjustable: tests may move time forward via POST /_stratus/clock', 'system')
    .action(async (target: string, flags: CommonFlags) => {
      const started = performance.now();
      const config = buildConfig(target, flags);
      const app = await startApp(config);
      const stopLogs = printLiveLogs(app.logs, process.stdout);
      const forgetServer = recordRunningServer(config.stateDir, app.edgeUrl);
      printBanner(app, performance.now() - started);
      await waitForSignal();
      process.stdout.write('Stopping…\n');
      forgetServer();
      await app.close(SHUTDOWN_GRACE_MS);
      stopLogs();
    });
}

function printBanner(app: RunningApp, elapsedMs: number): void {
  const out: string[] = [`Stratus: ${relative(process.cwd(), app.model.templatePath) || app.model.templatePath}`];
  for (const warning of app.model.warnings) out.push(`  warning: ${warning}`);
  for (const { api, url } of app.apiEndpoints) {
    out.push(`  ${api.kind === 'rest' ? 'REST API' : 'HTTP API'} ${api.logicalId}: ${url}`);
    for (const route of api.routes) {
      const fn = app.functions.find(route.functionLogicalId);
      const target = route.s3 ? `S3 ${route.s3.objectPath}` : (fn?.name ?? route.functionLogicalId);
      out.push(`    ${route.method.padEnd(7)} ${route.path} → ${target}`);
    }
  }
  for (const { api, url } of app.webSocketEndpoints) {
    out.push(`  WebSocket API ${api.logicalId}: ${url}/${api.stages[0]}`);
    for (const route of api.routes) {
      const fn = route.functionLogicalId ? app.functions.find(route.functionLogicalId) : undefined;
      out.push(`    ${route.routeKey.padEnd(12)} → ${fn?.name ?? route.functionLogicalId ?? '(no integration)'}`);
    }
  }
  if (app.apiEndpoints.length === 0 && app.webSocketEndpoints.length === 0) out.push('  (no APIs in this template)');
  for (const domain of app.apiDomains) {
    out.push(`  Custom domain ${domain.name}: ${domain.url}`);
    for (const m of domain.mappings) out.push(`    /${m.basePath.join('/')} → ${m.apiLogicalId}${m.basePath.length === 0 ? ' (root)' : ''}`);
  }
  for (const key of app.apiKeys) out.push(`  API key ${key.name}: ${key.value}${key.enabled ? '' : ' (disabled)'}`);
  out.push(`  AWS endpoints: ${app.edgeUrl}`);
  if (app.model.outputs.length > 0) {
    out.push('Outputs:');
    for (const o of app.model.outputs) out.push(`  ${o.name} = ${typeof o.value === 'string' ? o.value : JSON.stringify(o.value)}`);
  }
  out.push(`Ready in ${Math.round(elapsedMs)} ms. Press Ctrl-C to stop.`);
  process.stdout.write(out.join('\n') + '\n');
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A second Ctrl-C while shutting down means "now".
      process.once('SIGINT', () => process.exit(130));
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
