/**
 * Log groups and streams as CloudWatch Logs shows them. Groups and streams with events live in
 * the store; a stream made by CreateLogStream that has no event yet is kept in memory until its
 * first PutLogEvents (the store has no empty streams), so it is lost on restart.
 */
import type { LogStore } from '../../../engine/types';
import type { LogService } from '../../../services/logs';
import type { Clock } from '../../../shared/clock';
import { AwsError } from '../errors';

export interface StreamView {
  name: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
}

export interface LogsDeps {
  logs: LogService;
  store: LogStore;
  clock: Clock;
  region: string;
  accountId: string;
}

export class LogCatalog {
  private readonly emptyStreams = new Map<string, Map<string, number>>();

  constructor(readonly deps: LogsDeps) {}

  /** Lines written in this process reach the store first, so a read sees every earlier write. */
  settle(): Promise<void> {
    return this.deps.logs.flush().catch(() => {});
  }

  groupArn(name: string): string {
    return `arn:aws:logs:${this.deps.region}:${this.deps.accountId}:log-group:${name}`;
  }

  async findGroup(name: string) {
    return (await this.deps.store.groups(name)).find((g) => g.name === name);
  }

  async requireGroup(name: string): Promise<void> {
    if (!(await this.findGroup(name))) throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
  }

  async streams(group: string): Promise<StreamView[]> {
    const stored: StreamView[] = (await this.deps.store.streams(group)).map((s) => ({
      name: s.name,
      creationTime: s.firstEventAt,
      firstEventTimestamp: s.firstEventAt,
      lastEventTimestamp: s.lastEventAt,
    }));
    const empty = this.emptyStreams.get(group);
    if (!empty) return stored;
    for (const name of stored.map((s) => s.name)) empty.delete(name);
    return [...stored, ...[...empty].map(([name, creationTime]) => ({ name, creationTime }))];
  }

  async requireStream(group: string, stream: string): Promise<void> {
    await this.requireGroup(group);
    if (!(await this.streams(group)).some((s) => s.name === stream)) {
      throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    }
  }

  async createStream(group: string, stream: string): Promise<void> {
    await this.requireGroup(group);
    if ((await this.streams(group)).some((s) => s.name === stream)) {
      throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
    }
    let empty = this.emptyStreams.get(group);
    if (!empty) this.emptyStreams.set(group, (empty = new Map()));
    empty.set(stream, this.deps.clock.now());
  }
}
