/**
 * Lambda's platform lines, byte for byte. Pinned to AWS Lambda Developer Guide "Working with
 * Lambda function logs" and captured CloudWatch output (tab-separated REPORT, trailing tab).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  billedDurationMs,
  endLine,
  lambdaLogGroupName,
  lambdaLogStreamName,
  reportLine,
  startLine,
  timeoutLine,
} from '../../src/services/logs/lambda-format';

const ID = '8f507cfc-xmpl-4697-b07a-ac58fc914c95';

test('START and END lines', () => {
  assert.equal(startLine(ID), `START RequestId: ${ID} Version: $LATEST`);
  assert.equal(startLine(ID, '3'), `START RequestId: ${ID} Version: 3`);
  assert.equal(endLine(ID), `END RequestId: ${ID}`);
});

test('REPORT line of a cold start has Init Duration and tab separators', () => {
  const line = reportLine({ requestId: ID, durationMs: 12.344, billedMs: 13, memoryMb: 128, maxMemoryUsedMb: 40, initDurationMs: 150.123 });
  assert.equal(
    line,
    `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tInit Duration: 150.12 ms\t`,
  );
});

test('REPORT line of a warm invocation has no Init Duration; billed is computed when omitted', () => {
  const line = reportLine({ requestId: ID, durationMs: 1.6, memoryMb: 512, maxMemoryUsedMb: 74 });
  assert.equal(line, `REPORT RequestId: ${ID}\tDuration: 1.60 ms\tBilled Duration: 2 ms\tMemory Size: 512 MB\tMax Memory Used: 74 MB\t`);
});

test('REPORT line of a timeout and of a crashed runtime', () => {
  assert.equal(
    reportLine({ requestId: ID, durationMs: 3000, memoryMb: 128, maxMemoryUsedMb: 41, status: 'timeout' }),
    `REPORT RequestId: ${ID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 41 MB\tStatus: timeout\t`,
  );
  assert.equal(
    reportLine({ requestId: ID, durationMs: 20.5, memoryMb: 128, maxMemoryUsedMb: 128, status: 'error', errorType: 'Runtime.ExitError' }),
    `REPORT RequestId: ${ID}\tDuration: 20.50 ms\tBilled Duration: 21 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.ExitError\t`,
  );
});

test('billed duration: 1 ms granularity rounded up, init billed too, at least 1 ms', () => {
  assert.equal(billedDurationMs(12.01), 13);
  assert.equal(billedDurationMs(13), 13);
  assert.equal(billedDurationMs(0.2), 1);
  assert.equal(billedDurationMs(0), 1);
  // Captured 2026 CloudWatch REPORT: Duration 12.68 ms, Init Duration 295.33 ms → Billed 309 ms.
  assert.equal(billedDurationMs(12.68, 295.33), 309);
  // Float noise must not add a millisecond: 0.1 + 0.2 is billed 1, 1.1 + 1.9 is billed 3.
  assert.equal(billedDurationMs(1.1, 1.9), 3);
});

test('timeout line: ISO time, request id, elapsed seconds with two decimals', () => {
  const at = Date.UTC(2024, 0, 31, 9, 0, 3, 12);
  assert.equal(timeoutLine(ID, 3, at), `2024-01-31T09:00:03.012Z ${ID} Task timed out after 3.00 seconds`);
  assert.equal(timeoutLine(ID, 30.031, at), `2024-01-31T09:00:03.012Z ${ID} Task timed out after 30.03 seconds`);
});

test('log group and stream names', () => {
  assert.equal(lambdaLogGroupName('OrderFn'), '/aws/lambda/OrderFn');
  assert.equal(
    lambdaLogStreamName(Date.UTC(2024, 0, 5, 23, 59), '0123456789abcdef0123456789abcdef'),
    '2024/01/05/[$LATEST]0123456789abcdef0123456789abcdef',
  );
});
