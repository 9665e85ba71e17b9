import type { EventsService } from '../../services/events';
import { ControlError } from './http';
import type { ControlRoute } from './api';

export interface EventPorts {
  events: EventsService;
}

export function eventRoutes(p: EventPorts): ControlRoute[] {
  return [
    {
      method: 'POST',
      pattern: /^events$/,
      async run(_params, body) {
        const { bus, source, detailType, detail } = body as Record<string, unknown>;
        if (typeof source !== 'string' || typeof detailType !== 'string') throw new ControlError(400, 'source and detailType are required');
        const detailText = typeof detail === 'string' ? detail : JSON.stringify(detail ?? {});
        return p.events.putEvents({ Entries: [{ EventBusName: typeof bus === 'string' ? bus : 'default', Source: source, DetailType: detailType, Detail: detailText }] });
      },
    },
  ];
}
