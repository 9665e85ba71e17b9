/**
 * Runs the template's functions: one warm-instance pool per function, Lambda's log lines around
 * every invocation, hot reload on code changes. This is the FunctionInvoker gateways and sources use.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Clock } from '../../shared/clock';
import { newRequestId } from '../../shared/ids';
import { UserError } from '../../shared/errors';
import type { FunctionSpec } from '../../template/model';
import type { RuntimeDriver, InvocationResult, FunctionInstance } from '../../runtime/types';
import { lambdaEnvironment } from '../../runtime/environment';
import type { LogService } from '../logs';
import type { FunctionInvoker, InvokeOptions, InvokeOutcome } from './types';
import { InstancePool, Throttled } from './pool';
import { recordInvocation } from './invocation-log';
import { watchCode, type CodeWatcher } from './code-watcher';

/** Lambda's default unreserved concurrency is 1000; a developer machine wants far fewer workers. */
export const DEFAULT_MAX_INSTANCES = 8;
/**
 * Instances of a function started at once when all are busy: one per core. Beyond that, a
 * caller waits for a warm instance, and another starts only when none has come back for
 * SPILL_AFTER_MS (see InstancePool; 50 ms rides out scheduling stalls on a busy machine). On 2
 * cores, 8 busy workers for a CPU-bound handler cost ~15–30% more CPU per request than 1–2, for
 * no more throughput; handlers that wait on I/O still get up to maxInstances.
 */
export const DEFAULT_EAGER_INSTANCES = availableParallelism();
export const SPILL_AFTER_MS = 50;
/** Lambda keeps idle environments for minutes; locally we free memory sooner. */
export const DEFAULT_IDLE_MS = 5 * 60_000;

export interface FunctionServiceOptions {
  functions: FunctionSpec[];
  drivers: RuntimeDriver[];
  logs: LogService;
  clock: Clock;
  region: string;
  accountId: string;
  /** Edge URL handed to handlers as AWS_ENDPOINT_URL. */
  endpointUrl?: string;
  /** Per-function variable overrides (from --env-vars), applied over the template's. */
  environmentOverrides?: Record<string, Record<string, string>>;
  maxInstances?: number;
  idleMs?: number;
  /** Watch code folders and replace instances when files change. */
  hotReload?: boolean;
}

interface Entry {
  spec: FunctionSpec;
  driver: RuntimeDriver;
  pool: InstancePool;
  arn: string;
}

export class FunctionService implements FunctionInvoker {
  private readonly entries = new Map<string, Entry>();
  private readonly watchers: CodeWatcher[] = [];
  /** Each instance writes to its own log stream, as each Lambda execution environment does. */
  private readonly streams = new WeakMap<FunctionInstance, string>();
  private readonly reaper: NodeJS.Timeout;

  constructor(private readonly options: FunctionServiceOptions) {
    for (const spec of options.functions) this.register(spec);
    const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.reaper = setInterval(() => this.reapIdle(idleMs), Math.min(idleMs, 30_000));
    this.reaper.unref();
  }

  list(): FunctionSpec[] {
    return [...new Set([...this.entries.values()].map((e) => e.spec))];
  }

  find(name: string): FunctionSpec | undefined {
    return this.entries.get(name)?.spec;
  }

  arnOf(spec: FunctionSpec): string {
    return `arn:aws:lambda:${this.options.region}:${this.options.accountId}:function:${spec.name}`;
  }

  async invoke(name: string, payload: string, invokeOptions: InvokeOptions = {}): Promise<InvokeOutcome> {
    const entry = this.entries.get(name);
    if (!entry) throw new UserError('ResourceNotFoundException', `Function not found: ${name}`);
    const requestId = newRequestId();
    let lease;
    try {
      lease = await entry.pool.acquire();
    } catch (err) {
      if (err instanceof Throttled) {
        return { status: 'throttled', requestId, error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' } };
      }
      throw err;
    }
    try {
      const timeoutMs = invokeOptions.timeoutMs ?? entry.spec.timeoutSeconds * 1000;
      const deadline = this.options.clock.now() + timeoutMs;
      const run = () =>
        lease.instance.invoke({
          requestId,
          payload,
          deadline,
          clientContext: invokeOptions.clientContext,
          invokedFunctionArn: entry.arn,
        });
      const stream = this.streams.get(lease.instance) ?? 'unknown';
      const collected = invokeOptions.collectLogs ? this.collectLines(entry.spec, stream) : undefined;
      let result: InvocationResult;
      try {
        result = await recordInvocation(this.options.logs, { spec: entry.spec, stream, requestId, now: () => this.options.clock.now() }, run);
      } finally {
        collected?.stop();
      }
      return collected ? { ...result, requestId, logLines: collected.lines } : { ...result, requestId };
    } finally {
      lease.release();
    }
  }

  async close(): Promise<void> {
    clearInterval(this.reaper);
    for (const w of this.watchers) w.close();
    const pools = new Set([...this.entries.values()].map((e) => e.pool));
    await Promise.all([...pools].map((p) => p.close()));
  }

  private register(spec: FunctionSpec): void {
    const driver = this.options.drivers.find((d) => d.supports(spec.runtime));
    if (!driver) throw new UserError('UnsupportedRuntime', `${spec.logicalId}: runtime ${spec.runtime} is not supported`);
    const pool = new InstancePool({
      maxInstances: spec.reservedConcurrency ?? this.options.maxInstances ?? DEFAULT_MAX_INSTANCES,
      throttleWhenFull: spec.reservedConcurrency !== undefined,
      eagerInstances: DEFAULT_EAGER_INSTANCES,
      spillAfterMs: SPILL_AFTER_MS,
      create: () => this.createInstance(spec, driver),
      now: () => this.options.clock.now(),
    });
    const entry: Entry = { spec, driver, pool, arn: this.arnOf(spec) };
    this.entries.set(spec.logicalId, entry);
    this.entries.set(spec.name, entry);
    if (this.options.hotReload) {
      const watcher = watchCode([spec.codeDir, ...spec.layerDirs], () => pool.invalidate());
      if (watcher) this.watchers.push(watcher);
    }
  }

  private async createInstance(spec: FunctionSpec, driver: RuntimeDriver): Promise<FunctionInstance> {
    const logStreamName = newLogStreamName(this.options.clock.now());
    const logGroup = `/aws/lambda/${spec.name}`;
    const environment = {
      ...lambdaEnvironment(spec, {
        region: this.options.region,
        accountId: this.options.accountId,
        logStreamName,
        endpointUrl: this.options.endpointUrl,
      }),
      ...(this.options.environmentOverrides?.[spec.logicalId] ?? {}),
    };
    const instance = await driver.createInstance({
      spec,
      environment,
      onLog: (line) => this.options.logs.write(logGroup, logStreamName, line.message, line.timestamp),
    });
    this.streams.set(instance, logStreamName);
    return instance;
  }

  /** An instance runs one invocation at a time, so every line of its stream meanwhile is this one's. */
  private collectLines(spec: FunctionSpec, stream: string): { lines: string[]; stop: () => void } {
    const group = `/aws/lambda/${spec.name}`;
    const lines: string[] = [];
    const stop = this.options.logs.subscribe((event) => {
      if (event.group === group && event.stream === stream) lines.push(event.message);
    });
    return { lines, stop };
  }

  private reapIdle(idleMs: number): void {
    const cutoff = this.options.clock.now() - idleMs;
    for (const pool of new Set([...this.entries.values()].map((e) => e.pool))) pool.reap(cutoff);
  }
}

/** Lambda's stream names: `2024/01/31/[$LATEST]` followed by 32 hex characters. */
function newLogStreamName(now: number): string {
  const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}
