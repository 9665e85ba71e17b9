/**
 * `/_stratus/clock`: lets tests move the clock of a running `stratus start --clock adjustable`
 * ("09:00 tomorrow") so schedules fire, visibility timeouts lapse and retries happen without
 * sleeping. GET answers the current time; POST `{"advanceMs": n}` or `{"time": "<ISO>"}` moves it
 * forward. Only served when the clock was started adjustable.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdjustableClock } from '../../shared/clock';
import type { EdgeHandler } from './server';

const PATH = '/_stratus/clock';
const MAX_BODY_BYTES = 4096;

export function clockControl(clock: AdjustableClock): EdgeHandler {
  return async (req, res) => {
    if (req.url !== PATH) return false;
    if (req.method === 'GET') return reply(res, 200, snapshot(clock));
    if (req.method !== 'POST') return reply(res, 405, { message: 'use GET or POST' });
    const body = await readJson(req);
    if (body === undefined) return reply(res, 400, { message: 'body must be JSON: {"advanceMs": n} or {"time": "ISO-8601"}' });
    if (typeof body.advanceMs === 'number' && body.advanceMs >= 0 && Number.isFinite(body.advanceMs)) {
      clock.advance(body.advanceMs);
    } else if (typeof body.time === 'string' && !Number.isNaN(Date.parse(body.time))) {
      const target = Date.parse(body.time);
      if (target < clock.now()) return reply(res, 400, { message: 'time only moves forward', now: new Date(clock.now()).toISOString() });
      clock.setTime(target);
    } else {
      return reply(res, 400, { message: 'expected {"advanceMs": non-negative number} or {"time": "ISO-8601"}' });
    }
    return reply(res, 200, snapshot(clock));
  };
}

function snapshot(clock: AdjustableClock) {
  const now = clock.now();
  return { now: new Date(now).toISOString(), epochMs: now };
}

function reply(res: ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
  return true;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
