/** Fake Teams incoming webhook: records each card; answers "1" as Teams does, or fails on demand. */
import { startServer, type FakeServer } from './server';

export interface FakeTeams extends FakeServer {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  cards: any[];
  failWith?: number;
}

export async function startFakeTeams(): Promise<FakeTeams> {
  const fake = { cards: [] } as unknown as FakeTeams;
  const server = await startServer((req, res, body) => {
    if (req.method !== 'POST') return void res.writeHead(405).end();
    if (fake.failWith) return void res.writeHead(fake.failWith, { 'content-type': 'text/plain' }).end('webhook disabled');
    fake.cards.push(JSON.parse(body));
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('1');
  });
  return Object.assign(fake, server);
}
