/**
 * Runs examples/dev-platform with `stratus start` as its README says: start, then put the front
 * end into the site bucket with `aws s3 sync web s3://…/static/ --endpoint-url <edge>` (the
 * installed CLI v2), then open the custom domain's URL. The job's pretend work is shortened with
 * `--parameter-overrides JobWorkMillis=…`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { REPO, startStratus, removeDir, type StratusProcess } from '../../support/stratus-process';

export const EXAMPLE = join(REPO, 'examples/dev-platform');
export const DOMAIN = 'platform.example.com';
export const PLATFORM_TOKEN = 'local-developer-token';
export const ADMIN_TOKEN = 'local-admin-token';
/** Physical names: ${AWS::StackName}-${AWS::AccountId}-…, the stack named after the folder. */
export const SITE_BUCKET = 'dev-platform-000000000000-site';
export const UPLOAD_BUCKET = 'dev-platform-000000000000-uploads';
export const MAX_UPLOAD_BYTES = 2048;

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface DevPlatform {
  stratus: StratusProcess;
  /** The custom domain's URL (root → platform API, /admin → admin API). */
  domainUrl: string;
  s3: S3Client;
  tables: DynamoDBDocumentClient;
  logs: CloudWatchLogsClient;
  /** The JobsTable's physical name, as printed in the functions' environment. */
  jobsTable(): Promise<string>;
  close(): Promise<void>;
}

export async function startDevPlatform(): Promise<DevPlatform> {
  const stratus = await startStratus([EXAMPLE, '--parameter-overrides', `JobWorkMillis=200 MaxUploadBytes=${MAX_UPLOAD_BYTES}`]);
  try {
    const domainUrl = stratus.stdout().match(new RegExp(`Custom domain ${DOMAIN.replaceAll('.', '\\.')}: (http://\\S+)`))?.[1];
    if (!domainUrl) throw new Error(`no custom domain in:\n${stratus.stdout()}`);
    await syncFrontEnd(stratus.edgeUrl);
    const clientConfig = { endpoint: stratus.edgeUrl, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 };
    const s3 = new S3Client({ ...clientConfig, forcePathStyle: true });
    const dynamo = new DynamoDBClient(clientConfig);
    const tables = DynamoDBDocumentClient.from(dynamo);
    const logs = new CloudWatchLogsClient(clientConfig);
    return {
      stratus,
      domainUrl,
      s3,
      tables,
      logs,
      async jobsTable() {
        const { ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
        const names = (await dynamo.send(new ListTablesCommand({}))).TableNames ?? [];
        const name = names.find((n) => n.includes('JobsTable'));
        if (!name) throw new Error(`no jobs table among ${names.join(', ')}`);
        return name;
      },
      async close() {
        s3.destroy();
        tables.destroy();
        dynamo.destroy();
        logs.destroy();
        await stratus.stop();
        removeDir(stratus.stateDir);
      },
    };
  } catch (error) {
    await stratus.stop();
    removeDir(stratus.stateDir);
    throw error;
  }
}

/** The README's step: `aws s3 sync web s3://<site bucket>/static/ --endpoint-url <edge>`. */
async function syncFrontEnd(edgeUrl: string): Promise<void> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  await promisify(execFile)('/usr/bin/aws', ['s3', 'sync', join(EXAMPLE, 'web'), `s3://${SITE_BUCKET}/static/`, '--endpoint-url', edgeUrl, '--no-progress'], { env });
}
