/**
 * The object files under the bucket service: blobs appear only on commit, a failed or discarded
 * stage leaves no temp file (also when the source fails before the file is even open), stale
 * temp files of crashed uploads are swept on open, ids never become paths.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectFiles } from '../../src/engine/files/object-files';

const dir = mkdtempSync(join(tmpdir(), 'stratus-object-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const temps = () => readdirSync(join(dir, 'tmp'));

test('stage, commit, read ranges, duplicate, concat, remove', async () => {
  const files = new ObjectFiles(dir);
  const a = await files.stage([Buffer.from('hello ')]);
  const b = await files.stage([Buffer.from('world')]);
  assert.deepEqual(temps().sort(), [a.blobId, b.blobId].sort());
  await a.commit();
  await b.commit();
  assert.deepEqual(temps(), []);
  const read = async (id: string, range?: { start: number; end: number }) => {
    let text = '';
    for await (const chunk of files.read(id, range)) text += chunk;
    return text;
  };
  assert.equal(await read(a.blobId, { start: 1, end: 3 }), 'ell');
  const both = await files.concat([a.blobId, b.blobId]);
  await both.commit();
  assert.equal(await read(both.blobId), 'hello world');
  const copy = await files.duplicate(both.blobId, both.size);
  await copy.commit();
  await files.remove([both.blobId]);
  assert.equal(await read(copy.blobId), 'hello world');
  assert.throws(() => files.read('../../etc/passwd'), /not a blob id/);
});

test('a failed stage leaves no temp file, even when the source fails at once', async () => {
  const files = new ObjectFiles(dir);
  for (let i = 0; i < 50; i++) {
    await assert.rejects(files.stage((async function* () { throw new Error('boom'); })()), /boom/);
  }
  await assert.rejects(files.stage((async function* () { yield Buffer.alloc(10); throw new Error('late'); })()), /late/);
  const discarded = await files.stage([Buffer.from('x')]);
  await discarded.discard();
  assert.deepEqual(temps(), []);
});

test('opening sweeps temp files older than a day, and keeps recent ones (another node may own them)', () => {
  const old = join(dir, 'tmp', 'crashed-upload');
  const recent = join(dir, 'tmp', 'in-progress');
  writeFileSync(old, 'half');
  writeFileSync(recent, 'half');
  utimesSync(old, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
  new ObjectFiles(dir);
  assert.deepEqual(temps(), ['in-progress']);
  rmSync(recent);
});
