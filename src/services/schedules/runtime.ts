/**
 * One schedule as the timer loop sees it: its definition, its expression anchored on the engine's
 * createdAt, its StartDate/EndDate bounds, its flexible offsets and where it has got to.
 */
import type { ScheduleStateRecord } from '../../engine/types';
import type { ScheduleDefinition } from './definition';
import { parseScheduleExpression, type ScheduleExpression } from './expressions/index';
import { flexibleOffsetMs } from './flexible-window';
import { payloadBuilder, type PayloadBuilder } from './payload';

export interface ScheduleRuntime {
  readonly definition: ScheduleDefinition;
  readonly expression: ScheduleExpression;
  readonly payloads: PayloadBuilder;
  /** The next tick after `after` within StartDate/EndDate; undefined when none is left. */
  next(after: number): number | undefined;
  /** When `tick` is due: the tick plus its flexible-window offset. */
  effectiveAt(tick: number): number;
  /** Ticks at or before this are done with (fired, claimed elsewhere, or skipped). */
  cursor: number;
  /** `enable`/`disable` override the template's State while the service runs. */
  enabled: boolean;
  completed: boolean;
  /** Serialises firing per schedule, so the loop and runDue() never race each other in-process. */
  chain: Promise<void>;
}

export function createRuntime(definition: ScheduleDefinition, record: ScheduleStateRecord, cursor: number): ScheduleRuntime {
  const expression = parseScheduleExpression(definition.expression, {
    timezone: definition.timezone,
    dialect: definition.kind,
    // A rule's rate grid starts at its creation; a Scheduler rate at StartDate, else creation.
    createdAt: definition.startDate ?? record.createdAt,
  });
  const { startDate, endDate, flexibleWindowMinutes, key } = definition;
  return {
    definition,
    expression,
    payloads: payloadBuilder(definition),
    next(after) {
      const tick = expression.next(startDate === undefined ? after : Math.max(after, startDate - 1));
      return tick !== undefined && (endDate === undefined || tick <= endDate) ? tick : undefined;
    },
    effectiveAt: (tick) => tick + flexibleOffsetMs(key, tick, flexibleWindowMinutes),
    cursor,
    enabled: definition.state === 'ENABLED',
    completed: record.completedAt !== undefined,
    chain: Promise.resolve(),
  };
}
