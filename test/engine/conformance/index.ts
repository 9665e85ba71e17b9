/**
 * The engine conformance suite: every part, run unchanged on every backend. A backend's runner
 * calls `runEngineConformance` once with a way to open an Engine on one shared database; `url`
 * lets parts that need several processes open it too.
 */
import { runLogStoreConformance } from './logs';
import { runQueueStoreConformance } from './queues';
import { runScheduleStateConformance } from './schedules';
import { runTopicStoreConformance } from './topics';
import { runMailStoreConformance } from './mail';
import { runConnectionStoreConformance } from './connections';
import { runBucketStoreConformance } from './buckets';
import { runTableStoreConformance } from './tables';
import { runEventRuleStoreConformance } from './event-rules';
import type { Engine } from '../../../src/engine/types';

export function runEngineConformance(name: string, open: () => Promise<Engine>, options: { url?: string } = {}): void {
  runLogStoreConformance(name, open, options);
  runQueueStoreConformance(name, open, options);
  runScheduleStateConformance(name, open, options);
  runTopicStoreConformance(name, open);
  runMailStoreConformance(name, open);
  runConnectionStoreConformance(name, open);
  runBucketStoreConformance(name, open);
  runTableStoreConformance(name, open);
  runEventRuleStoreConformance(name, open);
}
