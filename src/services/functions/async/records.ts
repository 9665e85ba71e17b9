/**
 * What destinations and dead-letter queues receive after an asynchronous invocation, as documented
 * in "Capturing records of Lambda asynchronous invocations" (invocation record) and "Dead-letter
 * queues" (the event as the body, RequestID / ErrorCode / ErrorMessage as message attributes).
 */

export type Condition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

export interface AttemptResult {
  requestId: string;
  functionArn: string;
  attempts: number;
  condition: Condition;
  requestPayload: string;
  /** The last attempt's answer: the response, or the error payload with functionError set. */
  response?: { payload: string; functionError?: string };
  at: number;
}

export function invocationRecord(r: AttemptResult): string {
  const record: Record<string, unknown> = {
    version: '1.0',
    timestamp: new Date(r.at).toISOString(),
    requestContext: {
      requestId: r.requestId,
      functionArn: `${r.functionArn}:$LATEST`,
      condition: r.condition,
      approximateInvokeCount: r.attempts,
    },
    requestPayload: parseOrText(r.requestPayload),
  };
  if (r.response) {
    record.responseContext = {
      statusCode: 200,
      executedVersion: '$LATEST',
      ...(r.response.functionError ? { functionError: r.response.functionError } : {}),
    };
    record.responsePayload = parseOrText(r.response.payload);
  }
  return JSON.stringify(record);
}

/** An EventBridge destination receives the record as the detail of a "lambda" event. */
export function invocationEvent(r: AttemptResult): string {
  const success = r.condition === 'Success';
  return JSON.stringify({
    source: 'lambda',
    'detail-type': `Lambda Function Invocation Result - ${success ? 'Success' : 'Failure'}`,
    resources: [r.functionArn],
    detail: JSON.parse(invocationRecord(r)),
  });
}

/** Dead-letter message attributes; Lambda truncates the message to 1 KB… and says 200 for a function error. */
export function deadLetterAttributes(r: AttemptResult): Record<string, string> {
  const error = r.response?.payload ? (parseOrText(r.response.payload) as { errorMessage?: string }) : undefined;
  const message = typeof error === 'object' && error?.errorMessage ? error.errorMessage : r.condition;
  return { RequestID: r.requestId, ErrorCode: '200', ErrorMessage: message.slice(0, 1024) };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
