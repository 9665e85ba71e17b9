/** Runs the QueueStore conformance suite on SQLite (a file in a temp dir). */
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src/engine/index';
import { runQueueStoreConformance } from './conformance/queues';

const dir = mkdtempSync(join(tmpdir(), 'stratus-queues-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const url = `sqlite:${join(dir, 'stratus.db')}`;
runQueueStoreConformance('sqlite (file)', () => openEngine(url), { url });
