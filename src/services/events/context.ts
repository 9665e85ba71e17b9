import type { Clock } from '../../shared/clock';
import type { TargetDispatcher } from '../targets/types';
import type { Partition } from './arns';
import type { CompiledCache } from './compiled-cache';
import type { EventsRegistry } from './registry';
import type { ScheduleRuleListener } from './types';

/** What every operation needs; built once by createEventsService. */
export interface EventsContext {
  readonly registry: EventsRegistry;
  readonly clock: Clock;
  readonly dispatcher: TargetDispatcher;
  readonly partition: Partition;
  readonly compiled: CompiledCache;
  readonly onScheduleRule?: ScheduleRuleListener;
}
