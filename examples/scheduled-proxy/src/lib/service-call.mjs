/**
 * One HTTP call to a microservice on behalf of a schedule, with a deadline. Failures are typed so
 * the report can say what went wrong: the deadline passed, the connection failed, or the status
 * was not 2xx (an ALB answers 504 when the service stays silent past its idle timeout:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-504-issues).
 */
import { excerpt } from './trim.mjs';

export class ServiceCallError extends Error {
  constructor(kind, message, status) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

/** @returns {Promise<{status: number, headers: Headers, text: string}>} */
export async function callService(url, { method, headers = {}, body, timeoutMs }) {
  const request = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined && body !== null && method !== 'GET') {
    request.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (typeof body !== 'string' && !hasHeader(headers, 'content-type')) request.headers['Content-Type'] = 'application/json';
  }
  let response;
  let text;
  try {
    response = await fetch(url, request);
    text = await response.text();
  } catch (error) {
    if (error?.name === 'TimeoutError') throw new ServiceCallError('timeout', `no answer from ${method} ${url} within ${timeoutMs} ms`);
    throw new ServiceCallError('network', `${method} ${url} failed: ${error?.cause?.code ?? error?.message ?? error}`);
  }
  if (response.status < 200 || response.status > 299) {
    throw new ServiceCallError('http-status', `${method} ${url} answered HTTP ${response.status}: ${excerpt(text)}`, response.status);
  }
  return { status: response.status, headers: response.headers, text };
}

function hasHeader(headers, name) {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}
