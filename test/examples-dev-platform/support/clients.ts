/**
 * What the page does, done from Node for the HTTP tests: a WebSocket client that learns its
 * connection id and collects pushed messages, the POST /uploads call, and the browser's
 * multipart POST to the bucket.
 */
import WebSocket from 'ws';

export interface JobSocket {
  connectionId: string;
  /** Resolves with the first pushed message that matches. */
  send(message: unknown): void;
  next(match: (message: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
}

export async function openJobSocket(configUrl: string): Promise<JobSocket> {
  const { webSocketUrl } = (await (await fetch(configUrl)).json()) as { webSocketUrl: string };
  const ws = new WebSocket(webSocketUrl);
  const received: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)) as Record<string, unknown>);
    for (const w of waiters) w();
  });
  const next: JobSocket['next'] = (match, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = received.find(match);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching WebSocket message; got ${JSON.stringify(received)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ action: 'whoami' }));
  const hello = await next((m) => m.type === 'hello');
  return { connectionId: String(hello.connectionId), send: (message) => ws.send(JSON.stringify(message)), next, close: () => ws.close() };
}

export interface UploadOffer {
  jobId: string;
  key: string;
  url: string;
  fields: Record<string, string>;
}

export async function requestUpload(domainUrl: string, token: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${domainUrl}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The browser's form POST: the policy's fields (some replaced), then the file. */
export async function postToBucket(offer: UploadOffer, file: Buffer, overrides: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...offer.fields, ...overrides })) form.append(name, value);
  form.append('file', new Blob([file], { type: offer.fields['Content-Type'] }), 'upload');
  const res = await fetch(offer.url, { method: 'POST', body: form });
  return { status: res.status, text: await res.text() };
}
