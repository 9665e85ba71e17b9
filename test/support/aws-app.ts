/**
 * What the test/aws-* helpers share when they start a fixture app through `startApp`: the
 * config of an app on ephemeral ports with a given state folder, and the environment that points
 * the `aws` CLIs (v1 and v2) at its edge port with test credentials and no user config.
 */
import type { AppConfig } from '../../src/app/config';
import { DEFAULTS, defaultEngineUrl } from '../../src/app/config';

/** Ephemeral ports, the default region and account, no overrides, no hot reload; `extra` wins. */
export function testAppConfig(templatePath: string, stateDir: string, extra: Partial<AppConfig> = {}): AppConfig {
  return {
    templatePath,
    host: DEFAULTS.host,
    port: 0,
    edgePort: 0,
    stateDir,
    engineUrl: defaultEngineUrl(stateDir),
    region: DEFAULTS.region,
    accountId: DEFAULTS.accountId,
    parameterOverrides: {},
    envVars: {},
    hotReload: false,
    ...extra,
  };
}

/** The CLI environment for `endpoint`: these credentials, us-east-1, no pager, no ~/.aws files. */
export function awsCliEnv(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string }, region = 'us-east-1'): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_REGION: region,
    AWS_ENDPOINT_URL: endpoint,
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}
