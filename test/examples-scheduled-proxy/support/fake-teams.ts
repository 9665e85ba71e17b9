/**
 * The two Teams endpoints the proxy posts to, checking payloads the way Teams does:
 * - an incoming webhook (connector) takes a MessageCard (needs `summary` or `text`) or a message
 *   with Adaptive Card attachments, answers 200 with body "1", refuses bodies over ~28 KB;
 * - a workflow ("When a Teams webhook request is received") takes a message whose attachments are
 *   Adaptive Cards and answers 202.
 * https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
 */
import type { ServerResponse } from 'node:http';
import { listen, type HttpFake, type ReceivedRequest } from './http-fake';

const TEAMS_MAX_BYTES = 28 * 1024;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

export class FakeTeamsWebhook {
  /** Cards accepted, parsed. */
  readonly accepted: any[] = [];
  /** Every POST, accepted or not. */
  readonly attempts: ReceivedRequest[] = [];
  private failStatus: number | undefined;
  private http!: HttpFake;

  private constructor(readonly kind: 'incoming' | 'workflow') {}

  static async start(kind: 'incoming' | 'workflow'): Promise<FakeTeamsWebhook> {
    const fake = new FakeTeamsWebhook(kind);
    fake.http = await listen((req, res) => fake.handle(req, res));
    return fake;
  }

  get url(): string {
    return `${this.http.url}/webhook/${this.kind}`;
  }

  /** Answer `status` to every post until `recover()` (an outage). */
  failWith(status: number): void {
    this.failStatus = status;
  }

  recover(): void {
    this.failStatus = undefined;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private handle(req: ReceivedRequest, res: ServerResponse): void {
    this.attempts.push(req);
    if (this.failStatus !== undefined) return void res.writeHead(this.failStatus).end('Service Unavailable');
    if (req.method !== 'POST') return void res.writeHead(405).end();
    if (Buffer.byteLength(req.body) > TEAMS_MAX_BYTES) return void res.writeHead(413).end('Payload too large');
    let payload: any;
    try {
      payload = JSON.parse(req.body);
    } catch {
      return void res.writeHead(400).end('Bad payload: not JSON');
    }
    const problem = this.kind === 'incoming' ? incomingProblem(payload) : adaptiveMessageProblem(payload);
    if (problem) return void res.writeHead(400).end(problem);
    this.accepted.push(payload);
    if (this.kind === 'incoming') res.writeHead(200, { 'content-type': 'text/plain' }).end('1');
    else res.writeHead(202).end();
  }
}

function incomingProblem(payload: any): string | undefined {
  if (payload?.type === 'message') return adaptiveMessageProblem(payload);
  if (payload?.['@type'] !== 'MessageCard') return 'Bad payload: expected a MessageCard or an Adaptive Card message';
  if (!payload.summary && !payload.text) return 'Summary or Text is required.';
  return undefined;
}

function adaptiveMessageProblem(payload: any): string | undefined {
  if (payload?.type !== 'message' || !Array.isArray(payload.attachments) || payload.attachments.length === 0) return 'Bad payload: expected {"type":"message","attachments":[…]}';
  for (const a of payload.attachments) {
    if (a?.contentType !== ADAPTIVE) return `Bad payload: attachment contentType must be ${ADAPTIVE}`;
    if (a.content?.type !== 'AdaptiveCard' || !Array.isArray(a.content.body)) return 'Bad payload: attachment content must be an AdaptiveCard with a body';
  }
  return undefined;
}
