/**
 * Runs the whole engine conformance suite on PostgreSQL (a throwaway cluster, or
 * STRATUS_TEST_DATABASE_URL), in a database of its own. PostgreSQL-only checks: postgres-specific.test.ts.
 */
import { after } from 'node:test';
import { openEngine } from '../../src/engine/index';
import { runEngineConformance } from './conformance/index';
import { startTestDatabase } from './fixtures/pg-cluster';

const database = await startTestDatabase('conformance');
after(() => database.stop());

runEngineConformance('postgres', () => openEngine(database.url), { url: database.url });
