/**
 * Turns a runtime's output into log lines, as Lambda captures it: stdout and stderr split on
 * newlines (a partial line is kept until its newline or until the invocation ends), and the
 * managed runtimes' framed telemetry channel, where one frame is one log event even when it
 * spans several lines (a Python traceback stays one CloudWatch event).
 */
import type { Readable } from 'node:stream';

export type LineSink = (message: string, timestamp?: number) => void;

export class LineSplitter {
  private pending = '';

  constructor(private readonly sink: LineSink) {}

  attach(stream: Readable): void {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => this.push(chunk));
  }

  push(chunk: string): void {
    const parts = (this.pending + chunk).split('\n');
    this.pending = parts.pop() ?? '';
    for (const line of parts) this.sink(line);
  }

  /** Emits a trailing line that has no newline yet. */
  flush(): void {
    if (!this.pending) return;
    const line = this.pending;
    this.pending = '';
    this.sink(line);
  }
}

/**
 * Frames of Lambda's telemetry log protocol (see the Python runtime client's
 * FramedTelemetryLogSink): 4-byte type, 4-byte big-endian length, 8-byte big-endian timestamp in
 * microseconds, then the UTF-8 message.
 */
const FRAME_HEADER_BYTES = 16;

export class TelemetryFrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly sink: LineSink) {}

  attach(stream: Readable): void {
    stream.on('data', (chunk: Buffer) => this.push(chunk));
  }

  push(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    while (this.buffered.length >= FRAME_HEADER_BYTES) {
      const length = this.buffered.readUInt32BE(4);
      if (this.buffered.length < FRAME_HEADER_BYTES + length) return;
      const micros = this.buffered.readBigUInt64BE(8);
      const message = this.buffered.toString('utf8', FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + length);
      this.buffered = this.buffered.subarray(FRAME_HEADER_BYTES + length);
      this.sink(message.replace(/\n$/, ''), Number(micros / 1000n));
    }
  }
}
