/**
 * When bodies travel base64-encoded.
 * - REST APIs: a request body is base64-encoded when its Content-Type matches the API's
 *   binaryMediaTypes; a response body with isBase64Encoded is decoded when the client's first
 *   Accept type matches them ("Return binary media from a Lambda proxy integration": API Gateway
 *   uses the first Accept header to decide; `*` + `/` + `*` in binaryMediaTypes covers everything).
 * - HTTP APIs: the body is sent as text only for text/*, application/json, application/xml and
 *   application/javascript; everything else, a missing Content-Type and form posts included, is
 *   base64-encoded (verified against AWS in ministackorg/ministack#766; a captured HTTP API event
 *   shows an application/x-www-form-urlencoded body base64-encoded). Responses with
 *   isBase64Encoded are always decoded.
 */

/** "image/png; charset=x" → "image/png". */
export function mediaType(contentType: string | undefined): string {
  if (!contentType) return '';
  const semi = contentType.indexOf(';');
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/** SAM writes `/` as `~1` in BinaryMediaTypes (JSON-pointer escaping); accept both forms. */
export function normalizeBinaryMediaTypes(types: string[]): string[] {
  return types.map((t) => t.replace(/~1/g, '/').trim().toLowerCase());
}

function matchesPattern(type: string, pattern: string): boolean {
  if (pattern === '*/*' || pattern === type) return true;
  if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1));
  return false;
}

/** `patterns` must be normalized. */
export function matchesBinaryMediaTypes(contentType: string | undefined, patterns: string[]): boolean {
  if (patterns.length === 0) return false;
  const type = mediaType(contentType);
  if (type === '') return patterns.includes('*/*');
  return patterns.some((p) => matchesPattern(type, p));
}

/** The first media type of an Accept header. */
export function firstAcceptType(accept: string | undefined): string | undefined {
  if (!accept) return undefined;
  const comma = accept.indexOf(',');
  return comma < 0 ? accept : accept.slice(0, comma);
}

const HTTP_API_TEXT_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);

export function isHttpApiTextType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type.startsWith('text/') || HTTP_API_TEXT_TYPES.has(type);
}
