/**
 * Live log printing (`stratus start`): lines batched per window, prefixed with the function name,
 * and never an unbounded backlog behind a slow reader: lines are skipped (the engine keeps them)
 * and a notice says how many once the reader catches up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { printLiveLogs, MAX_BUFFERED_BYTES } from '../../src/cli/live-logs';
import { createLogService } from '../../src/services/logs';
import { systemClock } from '../../src/shared/clock';
import type { LogStore } from '../../src/engine/types';

const nowhere: LogStore = {
  append: async () => {},
  query: async () => [],
  groups: async () => [],
  streams: async () => [],
  createGroup: async () => {},
};

/** A stream whose reader can be made to look slow (writableLength is what printLiveLogs checks). */
class Terminal extends Writable {
  text = '';
  backlog = 0;
  constructor() {
    super();
    Object.defineProperty(this, 'writableLength', { get: () => this.backlog });
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

test('lines are printed with the function name, batched, and flushed on stop', async () => {
  const logs = createLogService({ store: nowhere, clock: systemClock });
  const out = new Terminal();
  const stop = printLiveLogs(logs, out, 5);
  logs.write('/aws/lambda/Hello', 's', 'START RequestId: 1 Version: $LATEST');
  logs.write('/aws/lambda/Hello', 's', 'hi\n');
  await tick();
  logs.write('/custom/group', 's', 'last');
  stop();
  assert.equal(out.text, '[Hello] START RequestId: 1 Version: $LATEST\n[Hello] hi\n[/custom/group] last\n');
  await logs.close();
});

test('behind a slow reader, lines are skipped and counted, then a notice is printed', async () => {
  const logs = createLogService({ store: nowhere, clock: systemClock });
  const out = new Terminal();
  const stop = printLiveLogs(logs, out, 5);
  out.backlog = MAX_BUFFERED_BYTES + 1;
  logs.write('/aws/lambda/Hello', 's', 'one');
  logs.write('/aws/lambda/Hello', 's', 'two');
  await tick();
  assert.equal(out.text, '');
  out.backlog = 0;
  logs.write('/aws/lambda/Hello', 's', 'three');
  stop();
  assert.match(out.text, /^\[stratus\] 2 live log line\(s\) not shown/);
  assert.match(out.text, /\[Hello\] three\n$/);
  await logs.close();
});
