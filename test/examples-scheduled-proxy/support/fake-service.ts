/**
 * A microservice behind an Application Load Balancer, as seed 001 describes it. Each scheduling
 * endpoint answers the tenant report; it can be told to fail, answer garbage, hang, or take longer
 * than the balancer's idle timeout — then the "balancer" answers 504 while the job goes on, as an
 * ALB does. With `Idempotency-Key` and `Prefer: respond-async` the endpoint runs the job in the
 * background (once per key, ever) and answers 202 with a status URL.
 */
import type { ServerResponse } from 'node:http';
import { listen, sendJson, type HttpFake, type ReceivedRequest } from './http-fake';

export interface TenantReport {
  successTenants: string[];
  failTenants: string[];
  failCount: number;
  failDetails: { tenant: string; stackTrace: string }[];
}

export type Behaviour =
  | { kind: 'report'; report: TenantReport; durationMs?: number }
  | { kind: 'status'; status: number; body: string }
  | { kind: 'raw'; body: string; contentType?: string }
  | { kind: 'hang' };

interface Job {
  runs: number;
  state: 'running' | 'succeeded';
  report?: TenantReport;
}

const ALB_504_BODY = '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n';

export const ok = (tenants: string[]): TenantReport => ({ successTenants: tenants, failTenants: [], failCount: 0, failDetails: [] });

export class FakeService {
  readonly requests: ReceivedRequest[] = [];
  /** Every run of every job the service actually started (background or not), by path. */
  readonly runs: { path: string; key?: string }[] = [];
  readonly jobs = new Map<string, Job>();
  private behaviours = new Map<string, Behaviour>();
  private pollFailures = 0;
  private http!: HttpFake;

  constructor(readonly idleTimeoutMs: number) {}

  static async start(idleTimeoutMs: number): Promise<FakeService> {
    const fake = new FakeService(idleTimeoutMs);
    fake.http = await listen((req, res) => fake.handle(req, res));
    return fake;
  }

  get url(): string {
    return this.http.url;
  }

  on(path: string, behaviour: Behaviour): void {
    this.behaviours.set(path, behaviour);
  }

  /** The next `count` status polls answer 500 (a flaky balancer or a restarting service). */
  failPolls(count: number): void {
    this.pollFailures = count;
  }

  callsTo(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private async handle(req: ReceivedRequest, res: ServerResponse): Promise<void> {
    this.requests.push(req);
    const status = /^\/scheduling-jobs\/([^/]+)$/.exec(req.path);
    if (status && req.method === 'GET') return this.answerStatus(decodeURIComponent(status[1]), res);
    const behaviour = this.behaviours.get(req.path);
    if (!behaviour) return sendJson(res, 404, { message: `no route ${req.path}` });
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string' && /respond-async/.test(String(req.headers.prefer))) return this.startJob(key, req.path, behaviour, res);
    await this.answerNow(req.path, behaviour, res);
  }

  private async answerNow(path: string, behaviour: Behaviour, res: ServerResponse): Promise<void> {
    if (behaviour.kind === 'hang') return; // the connection stays open until the caller gives up
    if (behaviour.kind === 'status') return void res.writeHead(behaviour.status, { 'content-type': 'application/json' }).end(behaviour.body);
    if (behaviour.kind === 'raw') return void res.writeHead(200, { 'content-type': behaviour.contentType ?? 'text/plain' }).end(behaviour.body);
    this.runs.push({ path });
    const done = delay(behaviour.durationMs ?? 0);
    if ((behaviour.durationMs ?? 0) > this.idleTimeoutMs) {
      // The balancer gives up on the idle connection; the service keeps working regardless.
      await delay(this.idleTimeoutMs);
      return void res.writeHead(504, { 'content-type': 'text/html', server: 'awselb/2.0' }).end(ALB_504_BODY);
    }
    await done;
    sendJson(res, 200, { contents: behaviour.report });
  }

  private startJob(key: string, path: string, behaviour: Behaviour, res: ServerResponse): void {
    if (!this.jobs.has(key)) {
      if (behaviour.kind !== 'report') return sendJson(res, 500, { message: 'this fake runs only report jobs in the background' });
      const job: Job = { runs: 1, state: 'running' };
      this.jobs.set(key, job);
      this.runs.push({ path, key });
      setTimeout(() => Object.assign(job, { state: 'succeeded', report: behaviour.report }), behaviour.durationMs ?? 0).unref();
    }
    sendJson(res, 202, { key, status: this.jobs.get(key)!.state }, { location: `/scheduling-jobs/${encodeURIComponent(key)}` });
  }

  private answerStatus(key: string, res: ServerResponse): void {
    if (this.pollFailures > 0) {
      this.pollFailures--;
      return sendJson(res, 500, { message: 'status store unavailable' });
    }
    const job = this.jobs.get(key);
    if (!job) return sendJson(res, 404, { message: `no job ${key}` });
    sendJson(res, 200, job.state === 'running' ? { status: 'running' } : { status: 'succeeded', contents: job.report });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
