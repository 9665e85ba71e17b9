import { AdjustableClock } from '../../src/shared/clock';
import { createEventsService, type EventsServiceOptions } from '../../src/services/events';
import type { DeliveryOrigin, DeliveryTarget, TargetDispatcher } from '../../src/services/targets/types';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

export interface Delivery {
  target: DeliveryTarget;
  payload: string;
  origin: DeliveryOrigin;
}

/** A test double of the dispatcher port: it records what it is handed, or fails when told to. */
export class RecordingDispatcher implements TargetDispatcher {
  readonly deliveries: Delivery[] = [];
  failing = false;

  async deliver(target: DeliveryTarget, payload: string, origin: DeliveryOrigin): Promise<void> {
    if (this.failing) throw new Error('engine unavailable');
    this.deliveries.push({ target, payload, origin });
  }

  to(targetId: string): Delivery[] {
    return this.deliveries.filter((delivery) => delivery.target.id === targetId);
  }
}

export function newService(extra: Partial<EventsServiceOptions> = {}) {
  const clock = new AdjustableClock();
  const dispatcher = new RecordingDispatcher();
  const service = createEventsService({ clock, dispatcher, region: REGION, accountId: ACCOUNT, ...extra });
  return { service, dispatcher, clock };
}

/** Rejects with an EventsError carrying this code (and message, when given). */
export function eventsError(code: string, message?: string | RegExp) {
  return (err: unknown) => {
    const e = err as { code?: string; message?: string; status?: number };
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${e.message}`);
    if (typeof message === 'string' && e.message !== message) throw new Error(`expected message "${message}", got "${e.message}"`);
    if (message instanceof RegExp && !message.test(e.message ?? '')) throw new Error(`message "${e.message}" does not match ${message}`);
    return true;
  };
}
