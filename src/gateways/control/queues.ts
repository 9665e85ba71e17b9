import type { QueueStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import type { QueueService } from '../../services/queues';
import { decodeAttributesForDisplay } from './display';
import { ControlError } from './http';
import type { ControlRoute } from './api';

export interface QueuePorts {
  queues: QueueService;
  queueStore: QueueStore;
  clock: Clock;
  queueUrl(name: string): string;
  queueArn(name: string): string;
}

const PEEK_DEFAULT = 10;
const PEEK_MAX = 100;

export function queueRoutes(p: QueuePorts): ControlRoute[] {
  const url = async (name: string) => {
    if (!(await p.queueStore.getQueue(name))) throw new ControlError(404, `no queue named ${name}`);
    return p.queueUrl(name);
  };
  return [
    {
      method: 'GET',
      pattern: /^queues$/,
      async run() {
        const listed = await p.queues.listQueues({});
        const names = (listed.QueueUrls ?? []).map((u) => u.slice(u.lastIndexOf('/') + 1));
        return Promise.all(names.map(async (name) => {
          const record = (await p.queueStore.getQueue(name))!;
          const counts = await p.queueStore.counts(name, p.clock.now());
          return { name, url: p.queueUrl(name), fifo: record.settings.fifo, ...counts, deadLetterQueue: record.settings.redrive?.deadLetterQueue, maxReceiveCount: record.settings.redrive?.maxReceiveCount };
        }));
      },
    },
    {
      method: 'GET',
      pattern: /^queues\/([^/]+)\/messages$/,
      async run([name], _body, query) {
        await url(name);
        const max = Math.min(PEEK_MAX, Math.max(1, Number(query.get('max') ?? PEEK_DEFAULT) || PEEK_DEFAULT));
        const messages = await p.queueStore.peek(name, max, p.clock.now());
        return messages.map((m) => ({ ...m, attributes: decodeAttributesForDisplay(m.attributes) }));
      },
    },
    {
      method: 'POST',
      pattern: /^queues\/([^/]+)\/purge$/,
      async run([name]) {
        const purged = await p.queueStore.purge(name, p.clock.now());
        return { purged };
      },
    },
    {
      method: 'POST',
      pattern: /^queues\/([^/]+)\/redrive$/,
      async run([name], body) {
        await url(name);
        const destination = typeof body.destination === 'string' ? p.queueArn(body.destination) : undefined;
        return p.queues.startMessageMoveTask({ SourceArn: p.queueArn(name), DestinationArn: destination });
      },
    },
  ];
}
