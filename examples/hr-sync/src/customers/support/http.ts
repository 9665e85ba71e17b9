/** HTTP for customer gateways: a hard timeout per request and errors that say which call failed. */
export class GatewayError extends Error {
  override name = 'GatewayError';
}

export async function fetchGateway(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describe(err);
    throw new GatewayError(`${init.method ?? 'GET'} ${redact(url)}: ${reason}`, { cause: err });
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).slice(0, 200);
    throw new GatewayError(`${init.method ?? 'GET'} ${redact(url)} answered ${response.status}${body ? `: ${body}` : ''}`);
  }
  return response;
}

/** Reads the body under the same deadline: a gateway that sends headers then stalls is a timeout too. */
export async function readBody(response: Response, url: string, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GatewayError(`GET ${redact(url)}: body not complete within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([response.text(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

/** Query strings may carry tokens; mails and Teams cards must not. */
function redact(url: string): string {
  const u = new URL(url);
  for (const key of [...u.searchParams.keys()]) if (/key|token|secret|password/i.test(key)) u.searchParams.set(key, '***');
  return u.toString();
}
