/**
 * The frame-size watcher reads frame headers from a byte stream split anywhere: a header cut
 * across chunks, 7-, 16- and 64-bit lengths, masked and unmasked, and only a frame over 32 KB trips it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { watchFrameSizes } from '../../src/gateways/websocket/frame-watch';

function frame(length: number, masked = true, fin = true, opcode = 0x1): Buffer {
  const first = (fin ? 0x80 : 0) | opcode;
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, maskBit | length]);
  else if (length < 65536) {
    header = Buffer.from([first, maskBit | 126, 0, 0]);
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, masked ? Buffer.from([1, 2, 3, 4]) : Buffer.alloc(0), Buffer.alloc(length, 0x61)]);
}

function feed(stream: Buffer, chunkSize: number): number[] {
  const socket = new EventEmitter() as unknown as Socket;
  const tripped: number[] = [];
  watchFrameSizes(socket, (length) => tripped.push(length));
  for (let at = 0; at < stream.length; at += chunkSize) socket.emit('data', stream.subarray(at, at + chunkSize));
  return tripped;
}

test('frames up to 32 KB pass, whatever the chunking', () => {
  const stream = Buffer.concat([frame(5), frame(125, false), frame(126), frame(32 * 1024, true, false), frame(32 * 1024, true, true, 0x0), frame(0)]);
  for (const size of [1, 2, 3, 7, 13, 14, 100, 4096, stream.length]) assert.deepEqual(feed(stream, size), [], `chunks of ${size}`);
});

test('a frame over 32 KB trips once, with 16- and 64-bit lengths, after smaller frames', () => {
  for (const big of [32 * 1024 + 1, 65535, 70_000]) {
    const stream = Buffer.concat([frame(10), frame(300), frame(big), frame(big)]);
    for (const size of [1, 5, 14, 1000, stream.length]) assert.deepEqual(feed(stream, size), [big], `${big} in chunks of ${size}`);
  }
});
