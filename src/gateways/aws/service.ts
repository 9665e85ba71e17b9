/**
 * The contract between the generic wire layer and one AWS service. Adding a service is one
 * adapter file: its signing name, the protocols it speaks, and a table of operations. Operations
 * receive plain input (JSON members, or the query form decoded into the same structure) and
 * return plain output; they throw AWS errors as data (see errors.ts). They never see HTTP, except
 * REST operations, whose input and output are bound to paths, headers and raw bodies.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AwsErrorData } from './errors';

export interface AwsContext {
  /** Also sent as `x-amzn-RequestId`. */
  requestId: string;
  /** The region the client signed for (credential scope), else the configured one. */
  region: string;
  accountId: string;
  /** The caller's access key id when the request carried one. */
  accessKeyId?: string;
  now(): number;
}

export type Operation = (input: Record<string, unknown>, ctx: AwsContext) => unknown | Promise<unknown>;

/** AWS JSON 1.0 / 1.1: `POST /`, `X-Amz-Target: <targetPrefix>.<Operation>`. */
export interface JsonProtocolSpec {
  targetPrefix: string;
  version: '1.0' | '1.1';
  /** Prefix of `__type` in error bodies, e.g. `com.amazonaws.sqs#` (most services send the bare code). */
  errorTypePrefix?: string;
  /**
   * Services that were query services first (SQS) also send `x-amzn-query-error: <code>;Sender`
   * with their legacy code, keyed here by the JSON error code.
   */
  queryCompatibleCodes?: Record<string, string>;
}

/** How a query operation's result becomes XML, for members a plain object cannot describe. */
export interface XmlMemberHint {
  /** Render a list without its wrapper: each item becomes an element with this name. */
  flattenAs?: string;
  /** Render an object as a map: `<entry><key>…</key><value>…</value></entry>` unless names are given. */
  map?: { entry?: string; key?: string; value?: string; flattened?: boolean };
}

/** What a query operation's input hook may read of the request besides its form. */
export interface QueryRequestInfo {
  /** The request path, still percent-encoded (SQS clients may name the queue there: `/<account>/<queue>`). */
  path: string;
}

export interface QueryOperationSpec {
  /** Reshape the decoded form (all values strings) into the operation's input. */
  input?(decoded: Record<string, unknown>, request: QueryRequestInfo): Record<string, unknown>;
  /** Hints by member name, applied wherever that member appears in the result. */
  xml?: Record<string, XmlMemberHint>;
  /**
   * Send `<ActionResult/>` even when the output is empty: operations whose model declares a result
   * wrapper (an empty ReceiveMessage) must have it, or clients such as botocore fail to parse.
   */
  alwaysWrapResult?: boolean;
  /**
   * Whether AWS serves this request without any signature even when authentication is enforced:
   * the links SNS mails and posts to subscribers (ConfirmSubscription, Unsubscribe) are plain GETs.
   */
  unsigned?(params: URLSearchParams): boolean;
}

/** The query protocol: form-encoded `Action=…&Version=…`, XML answers. */
export interface QueryProtocolSpec {
  version: string;
  xmlNamespace: string;
  operations?: Record<string, QueryOperationSpec>;
}

export interface RestRequest {
  method: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RestResult {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a Buffer or string as is; undefined as an empty body. */
  body?: unknown;
}

export interface RestRoute {
  method: string;
  /** e.g. `/2015-03-31/functions/{FunctionName}/invocations`; a trailing `/` is optional. */
  path: string;
  operation: string;
  handle(req: RestRequest, ctx: AwsContext): Promise<RestResult> | RestResult;
}

/** Which error codes a service uses for authentication failures (they differ by protocol family). */
export interface AuthErrorCodes {
  missing: { code: string; status: number };
  incomplete: { code: string; status: number };
  unknownKey: { code: string; status: number };
  badSignature: { code: string; status: number };
  expired: { code: string; status: number };
}

export interface AwsServiceAdapter {
  /** SigV4 signing name: the credential scope's service and the host prefix (`sts.amazonaws.com`). */
  signingName: string;
  /** Human name for messages. */
  title: string;
  /** JSON and query operations by name. */
  operations?: Record<string, Operation>;
  json?: JsonProtocolSpec;
  query?: QueryProtocolSpec;
  rest?: {
    routes: RestRoute[];
    /** The error body's shape; default `{"message": …}` (Lambda sends `{"Type": "User", "Message": …}`). */
    errorBody?: (err: AwsErrorData) => Record<string, unknown>;
  };
  /** The code for a body over the edge's read limit (default RequestEntityTooLargeException). */
  tooLargeCode?: string;
  /** Overrides the protocol's default authentication error codes. */
  authErrors?: Partial<AuthErrorCodes>;
}
