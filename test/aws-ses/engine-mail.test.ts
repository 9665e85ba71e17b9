/** The MailStore conformance part on SQLite (a file in a temp dir). */
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src/engine/index';
import { runMailStoreConformance } from '../engine/conformance/mail';

const dir = mkdtempSync(join(tmpdir(), 'stratus-mail-engine-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const url = `sqlite:${join(dir, 'stratus.db')}`;
runMailStoreConformance('sqlite (file)', () => openEngine(url));
