export interface LogEventInput {
  group: string;
  stream: string;
  /** Epoch ms the line was produced. */
  timestamp: number;
  message: string;
}

export interface StoredLogEvent extends LogEventInput {
  /** Monotonic id across the store: the cursor for follow/tail. */
  id: number;
  ingestionTime: number;
}

export interface LogQuery {
  group: string;
  stream?: string;
  /** Inclusive lower bound on timestamp (epoch ms). */
  since?: number;
  until?: number;
  /**
   * Only events with id greater than this (follow cursor). When given, results come in id order
   * (commit order) so "id > last seen" pages and follows without gaps; otherwise in timestamp
   * order with id breaking ties.
   */
  afterId?: number;
  /** Plain substring filter (CloudWatch's plain-term form is built on top of this). */
  contains?: string;
  limit?: number;
  /** Newest first when true. */
  descending?: boolean;
}

export interface LogGroupInfo {
  name: string;
  createdAt: number;
  storedEvents: number;
}

export interface LogStreamInfo {
  group: string;
  name: string;
  firstEventAt: number;
  lastEventAt: number;
}

export interface LogStore {
  append(events: LogEventInput[]): Promise<void>;
  query(q: LogQuery): Promise<StoredLogEvent[]>;
  groups(prefix?: string): Promise<LogGroupInfo[]>;
  streams(group: string): Promise<LogStreamInfo[]>;
  createGroup(name: string): Promise<void>;
}
