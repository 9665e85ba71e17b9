/**
 * Test support: a recording TargetDispatcher (a test double of the dispatcher port only; the engine
 * is real), engines on temp files, and definitions built through the real template normaliser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openEngine } from '../../src/engine/index';
import type { Engine } from '../../src/engine/types';
import { AdjustableClock } from '../../src/shared/clock';
import type { DeliveryOrigin, DeliveryTarget, TargetDispatcher } from '../../src/services/targets/types';
import {
  createScheduleService,
  schedulesFromModel,
  type ScheduleDefinition,
  type ScheduleService,
  type ScheduleServiceOptions,
} from '../../src/services/schedules/index';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

export interface Delivery {
  target: DeliveryTarget;
  payload: string;
  origin: DeliveryOrigin;
  /** Clock time the delivery was handed over. */
  at: number;
}

export class RecordingDispatcher implements TargetDispatcher {
  readonly deliveries: Delivery[] = [];
  constructor(private readonly clock: AdjustableClock) {}

  async deliver(target: DeliveryTarget, payload: string, origin: DeliveryOrigin): Promise<void> {
    this.deliveries.push({ target, payload, origin, at: this.clock.now() });
  }

  /** The payloads parsed as JSON. */
  events(): Record<string, unknown>[] {
    return this.deliveries.map((d) => JSON.parse(d.payload));
  }

  times(): string[] {
    return this.events().map((e) => e.time as string);
  }
}

const dirs: string[] = [];
const engines: Engine[] = [];
const services: ScheduleService[] = [];
after(async () => {
  for (const service of services) await service.stop();
  for (const engine of engines) await engine.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh engine file; call `open()` again for another engine (another "node") on the same file. */
export function engineFile(): { url: string; open(): Promise<Engine> } {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-schedules-'));
  dirs.push(dir);
  const url = `sqlite:${join(dir, 'stratus.db')}`;
  return {
    url,
    async open() {
      const engine = await openEngine(url);
      engines.push(engine);
      return engine;
    },
  };
}

/** UTC epoch ms; month 1-12. */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

export function clockAt(at: number): AdjustableClock {
  const clock = new AdjustableClock();
  clock.setTime(at);
  return clock;
}

/** Resources (CloudFormation shape, intrinsics already resolved) → definitions, through the real normaliser. */
export function definitionsOf(resources: Record<string, { Type: string; Properties: Record<string, unknown> }>): ScheduleDefinition[] {
  return schedulesFromModel({
    templatePath: '/app/template.yaml',
    region: REGION,
    accountId: ACCOUNT,
    functions: [],
    resources: Object.fromEntries(
      Object.entries(resources).map(([logicalId, r]) => [
        logicalId,
        { logicalId, type: r.Type, properties: r.Properties, physicalName: String(r.Properties.Name ?? logicalId) },
      ]),
    ),
  });
}

export const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:Worker`;

export function scheduleRule(expression: string, extra: Record<string, unknown> = {}, targets?: unknown[]) {
  return {
    Type: 'AWS::Events::Rule',
    Properties: { ScheduleExpression: expression, Targets: targets ?? [{ Id: 'Worker', Arn: FUNCTION_ARN }], ...extra },
  };
}

export function schedulerSchedule(expression: string, extra: Record<string, unknown> = {}) {
  return {
    Type: 'AWS::Scheduler::Schedule',
    Properties: {
      ScheduleExpression: expression,
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: FUNCTION_ARN, RoleArn: `arn:aws:iam::${ACCOUNT}:role/scheduler` },
      ...extra,
    },
  };
}

/** Starts a tracked service; stopped after the file's tests if the test does not stop it. */
export async function startService(
  engine: Engine,
  clock: AdjustableClock,
  definitions: ScheduleDefinition[],
  options: Partial<ScheduleServiceOptions> = {},
): Promise<{ service: ScheduleService; dispatcher: RecordingDispatcher }> {
  const dispatcher = new RecordingDispatcher(clock);
  const service = createScheduleService({ store: engine.schedules, clock, dispatcher, region: REGION, accountId: ACCOUNT, ...options });
  services.push(service);
  await service.start(definitions);
  return { service, dispatcher };
}

/** Moves the clock to `at` and lets every woken loop finish firing. */
export async function advanceTo(clock: AdjustableClock, service: ScheduleService, at: number): Promise<void> {
  clock.setTime(at);
  await service.runDue();
}
