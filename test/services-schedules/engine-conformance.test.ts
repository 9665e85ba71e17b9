/**
 * Runs the ScheduleStateStore conformance part on SQLite. test/engine/sqlite.test.ts is the
 * engine's own runner (another owner); until it calls runScheduleStateConformance too, this file does.
 */
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src/engine/index';
import { runScheduleStateConformance } from '../engine/conformance/schedules';

const dir = mkdtempSync(join(tmpdir(), 'stratus-schedule-state-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const url = `sqlite:${join(dir, 'stratus.db')}`;
runScheduleStateConformance('sqlite (file)', () => openEngine(url), { url });
