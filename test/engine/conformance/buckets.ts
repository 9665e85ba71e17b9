/**
 * The BucketStore conformance suite: every engine backend runs it unchanged. `open()` must return
 * a new Engine on the SAME database each call; tests isolate themselves with unique bucket names.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Engine, ObjectRecord } from '../../../src/engine/types';
import { trackedEngines } from './tracked';

const T0 = Date.UTC(2024, 0, 31, 9, 0, 0);

export function runBucketStoreConformance(name: string, open: () => Promise<Engine>): void {
  describe(`BucketStore conformance: ${name}`, () => {
    const openTracked = trackedEngines(open);
    const uniqueName = () => `b-${randomUUID()}`;
    const blob = () => randomUUID().replace(/-/g, '');
    const object = (bucket: string, key: string, over: Partial<ObjectRecord> = {}): ObjectRecord => ({
      bucket,
      key,
      size: 3,
      etag: '"abc"',
      headers: { contentType: 'text/plain' },
      metadata: { a: '1' },
      tags: {},
      lastModified: T0,
      blobId: blob(),
      ...over,
    });

    test('createBucket keeps the first; get, list, update subresources, delete', async () => {
      const { buckets } = await openTracked();
      const name = uniqueName();
      const first = await buckets.createBucket({ name, region: 'us-east-1', tags: { team: 'x' } }, T0);
      assert.deepEqual(first, { created: true, bucket: { name, region: 'us-east-1', createdAt: T0, tags: { team: 'x' } } });
      const again = await buckets.createBucket({ name, region: 'eu-west-1' }, T0 + 1);
      assert.equal(again.created, false);
      assert.equal(again.bucket.region, 'us-east-1');
      assert.ok((await buckets.listBuckets()).some((b) => b.name === name));
      const updated = await buckets.updateBucket(name, { cors: '[1]', notification: '{}' });
      assert.deepEqual([updated?.cors, updated?.notification, updated?.tags], ['[1]', '{}', { team: 'x' }]);
      const cleared = await buckets.updateBucket(name, { cors: null });
      assert.deepEqual([cleared?.cors, cleared?.notification], [undefined, '{}']);
      assert.equal(await buckets.updateBucket(uniqueName(), { cors: null }), undefined);
      assert.deepEqual(await buckets.deleteBucket(name), { outcome: 'deleted', freedBlobs: [] });
      assert.deepEqual(await buckets.deleteBucket(name), { outcome: 'missing', freedBlobs: [] });
      assert.equal(await buckets.getBucket(name), undefined);
    });

    test('putObject replaces and frees the old blob; delete frees its blob; no bucket, no object', async () => {
      const { buckets } = await openTracked();
      const name = uniqueName();
      await buckets.createBucket({ name, region: 'us-east-1' }, T0);
      const a = object(name, 'k', { checksum: { algorithm: 'CRC32', value: 'AAAAAA==' }, partsCount: 2 });
      assert.deepEqual(await buckets.putObject(a), { freedBlobs: [] });
      assert.deepEqual(await buckets.getObject(name, 'k'), a);
      const b = object(name, 'k', { size: 5, etag: '"def"' });
      assert.deepEqual(await buckets.putObject(b), { freedBlobs: [a.blobId] });
      assert.deepEqual(await buckets.getObject(name, 'k'), b);
      assert.equal(await buckets.setObjectTags(name, 'k', { t: 'v' }), true);
      assert.deepEqual((await buckets.getObject(name, 'k'))?.tags, { t: 'v' });
      assert.equal(await buckets.setObjectTags(name, 'nope', { t: 'v' }), false);
      assert.deepEqual(await buckets.deleteBucket(name), { outcome: 'notEmpty', freedBlobs: [] });
      const gone = await buckets.deleteObject(name, 'k');
      assert.deepEqual(gone, { deleted: { ...b, tags: { t: 'v' } }, freedBlobs: [b.blobId] });
      assert.deepEqual(await buckets.deleteObject(name, 'k'), { freedBlobs: [] });
      assert.equal(await buckets.putObject(object(uniqueName(), 'k')), undefined);
    });

    test('listObjects: byte order, exact prefix (case and LIKE wildcards are literal), after, limit', async () => {
      const { buckets } = await openTracked();
      const name = uniqueName();
      await buckets.createBucket({ name, region: 'us-east-1' }, T0);
      const keys = ['a/1', 'a/2', 'A/3', 'a%b', 'a_c', 'b', 'é', 'z', 'a/10'];
      for (const key of keys) await buckets.putObject(object(name, key));
      const all = (await buckets.listObjects(name, { limit: 100 })).map((o) => o.key);
      assert.deepEqual(all, [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
      assert.deepEqual((await buckets.listObjects(name, { prefix: 'a/', limit: 100 })).map((o) => o.key), ['a/1', 'a/10', 'a/2']);
      assert.deepEqual((await buckets.listObjects(name, { prefix: 'a%', limit: 100 })).map((o) => o.key), ['a%b']);
      assert.deepEqual((await buckets.listObjects(name, { prefix: 'a', after: 'a/10', limit: 2 })).map((o) => o.key), ['a/2', 'a_c']);
      assert.deepEqual(await buckets.listObjects(uniqueName(), { limit: 10 }), []);
    });

    test('multipart: parts replace, list in order, complete is atomic and once, abort frees parts', async () => {
      const { buckets } = await openTracked();
      const other = await openTracked();
      const name = uniqueName();
      await buckets.createBucket({ name, region: 'us-east-1' }, T0);
      const uploadId = randomUUID();
      const upload = { uploadId, bucket: name, key: 'big', headers: { contentType: 'a/b' }, metadata: { m: '1' }, tags: { t: '2' }, initiated: T0 };
      assert.equal(await buckets.createUpload(upload), true);
      assert.equal(await buckets.createUpload({ ...upload, uploadId: randomUUID(), bucket: uniqueName() }), false);
      assert.deepEqual(await other.buckets.getUpload(uploadId), upload);
      assert.deepEqual((await buckets.listUploads(name)).map((u) => u.uploadId), [uploadId]);
      const p2 = { partNumber: 2, size: 1, etag: '"p2"', lastModified: T0, blobId: blob() };
      const p1 = { partNumber: 1, size: 5, etag: '"p1"', lastModified: T0, blobId: blob() };
      const p1b = { ...p1, etag: '"p1b"', blobId: blob() };
      assert.deepEqual(await buckets.putPart(uploadId, p2), { freedBlobs: [] });
      assert.deepEqual(await buckets.putPart(uploadId, p1), { freedBlobs: [] });
      assert.deepEqual(await other.buckets.putPart(uploadId, p1b), { freedBlobs: [p1.blobId] });
      assert.deepEqual(await buckets.listParts(uploadId), [p1b, p2]);
      const final = object(name, 'big', { size: 6, etag: '"x-2"', partsCount: 2 });
      const results = await Promise.all([buckets.completeUpload(uploadId, final), other.buckets.completeUpload(uploadId, final)]);
      const done = results.filter((r) => r !== undefined);
      assert.equal(done.length, 1);
      assert.deepEqual(new Set(done[0]!.freedBlobs), new Set([p1b.blobId, p2.blobId]));
      assert.equal(await buckets.getUpload(uploadId), undefined);
      assert.deepEqual(await buckets.listParts(uploadId), []);
      assert.deepEqual(await buckets.getObject(name, 'big'), final);
      assert.equal(await buckets.putPart(uploadId, p1), undefined);

      const second = { ...upload, uploadId: randomUUID() };
      await buckets.createUpload(second);
      await buckets.putPart(second.uploadId, p1);
      assert.deepEqual(await buckets.abortUpload(second.uploadId), { freedBlobs: [p1.blobId] });
      assert.equal(await buckets.abortUpload(second.uploadId), undefined);
    });

    test('deleting an empty bucket takes its unfinished uploads and frees their parts', async () => {
      const { buckets } = await openTracked();
      const name = uniqueName();
      await buckets.createBucket({ name, region: 'us-east-1' }, T0);
      const uploadId = randomUUID();
      await buckets.createUpload({ uploadId, bucket: name, key: 'k', headers: {}, metadata: {}, tags: {}, initiated: T0 });
      const part = { partNumber: 1, size: 1, etag: '"p"', lastModified: T0, blobId: blob() };
      await buckets.putPart(uploadId, part);
      assert.deepEqual(await buckets.deleteBucket(name), { outcome: 'deleted', freedBlobs: [part.blobId] });
      assert.equal(await buckets.getUpload(uploadId), undefined);
    });
  });
}
