/**
 * Runs the TopicStore conformance part on SQLite. test/engine/sqlite.test.ts is the engine's own
 * runner (another owner); until it calls runTopicStoreConformance too, this file does.
 */
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src/engine/index';
import { runTopicStoreConformance } from '../engine/conformance/topics';

const dir = mkdtempSync(join(tmpdir(), 'stratus-topics-engine-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const url = `sqlite:${join(dir, 'stratus.db')}`;
runTopicStoreConformance('sqlite (file)', () => openEngine(url));
