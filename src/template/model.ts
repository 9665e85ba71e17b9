/**
 * The typed application model that the template loader produces and everything else consumes.
 * Values here are fully resolved: intrinsics evaluated, Globals merged, conditions applied,
 * paths absolute. Nothing downstream reads the raw template.
 */

export type HttpApiKind = 'rest' | 'http';

export interface AppModel {
  /** Absolute path of the template file. */
  templatePath: string;
  /** Directory of the template; CodeUri and ContentUri are relative to it. */
  baseDir: string;
  stackName: string;
  region: string;
  accountId: string;
  functions: FunctionSpec[];
  apis: ApiSpec[];
  /** AWS::ApiGatewayV2::Api resources with ProtocolType WEBSOCKET, in template order. */
  /** Optional so hand-built models (tests) need not list it; the loader always sets it. */
  webSocketApis?: WebSocketApiSpec[];
  layers: LayerSpec[];
  outputs: OutputSpec[];
  /** Every resource after intrinsic resolution, for services added later (queues, topics…). */
  resources: Record<string, ResolvedResource>;
  /** Non-fatal findings, e.g. resource types Stratus does not run yet (each type listed once). */
  warnings: string[];
}

export interface ResolvedResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  /** Physical name: the resource's own name property if given, else its logical id. */
  physicalName: string;
}

export type RuntimeFamily = 'nodejs' | 'python' | 'provided';

export interface FunctionSpec {
  logicalId: string;
  /** FunctionName if the template gives one, else the logical id (as `sam local` names them). */
  name: string;
  /** e.g. nodejs20.x, python3.12, provided.al2023 */
  runtime: string;
  family: RuntimeFamily;
  /** Lambda's Handler string, e.g. `src/app.handler`. Empty for provided runtimes. */
  handler: string;
  /** Absolute directory holding the function code (CodeUri, or Code for AWS::Lambda::Function). */
  codeDir: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** The template's variables only (Environment.Variables, merged with Globals). */
  environment: Record<string, string>;
  /** Absolute directories of the function's layers, in template order. */
  layerDirs: string[];
  reservedConcurrency?: number;
  architectures: string[];
  events: FunctionEventSpec[];
}

/** One entry of a function's Events. Api/HttpApi are typed; other types keep their properties. */
export type FunctionEventSpec =
  | { name: string; type: 'Api' | 'HttpApi'; route: RouteSpec }
  | { name: string; type: string; properties: Record<string, unknown> };

export interface RouteSpec {
  /** HTTP method in upper case, or ANY. */
  method: string;
  /** Path as written in the template, e.g. `/users/{id}` or `/{proxy+}`. HTTP API `$default` is `$default`. */
  path: string;
  functionLogicalId: string;
  /** Logical id of the API the route belongs to (implicit: ServerlessRestApi / ServerlessHttpApi). */
  apiLogicalId: string;
  payloadFormatVersion: '1.0' | '2.0';
  /** Integration timeout in ms (REST default 29 000, HTTP API default 30 000). */
  timeoutMs: number;
  /** Raw `Auth` of the event as resolved (Authorizer, ApiKeyRequired, AuthorizationScopes), read by the gateway. */
  auth?: unknown;
  /**
   * Set for a route from an OpenAPI DefinitionBody whose integration reads an S3 object (type
   * `aws`, uri `arn:aws:apigateway:<region>:s3:path/…`); `functionLogicalId` is then empty.
   */
  s3?: S3IntegrationSpec;
}

export interface S3IntegrationSpec {
  /** The path after `s3:path/`, e.g. `my-bucket/{proxy}`: the first segment is the bucket. */
  objectPath: string;
  /** Integration variable → method request path parameter (`proxy` → `proxy`), from requestParameters. */
  pathParameters: Record<string, string>;
  /** The integration's `responses` as written (selection pattern → statusCode, responseParameters). */
  responses?: unknown;
}

export interface ApiSpec {
  logicalId: string;
  kind: HttpApiKind;
  /** REST APIs: StageName (required by SAM; implicit API uses Prod). HTTP APIs: `$default` unless given. */
  stageName: string;
  routes: RouteSpec[];
  /** Media types REST APIs treat as binary (BinaryMediaTypes). */
  binaryMediaTypes: string[];
  /** Raw Cors/CorsConfiguration as resolved, interpreted by the gateway. */
  cors?: unknown;
  /** True for the APIs SAM creates from function events without an explicit RestApiId/ApiId. */
  implicit: boolean;
  /** Raw Auth as resolved (authorizers, default authorizer), interpreted by the gateway. */
  auth?: unknown;
  /** Raw `Domain` as resolved (DomainName, BasePath, …), interpreted by the gateway. */
  domain?: unknown;
  /** REST: where API keys come from, `HEADER` (x-api-key, the default) or `AUTHORIZER` (usageIdentifierKey). */
  apiKeySourceType?: string;
  /** REST: raw `GatewayResponses` as resolved (response type → StatusCode, ResponseParameters, ResponseTemplates). */
  gatewayResponses?: unknown;
}

/** A WebSocket API (AWS::ApiGatewayV2::Api, ProtocolType WEBSOCKET) with its routes and stages. */
export interface WebSocketApiSpec {
  logicalId: string;
  /** What `Ref` gives: the API id. */
  apiId: string;
  name: string;
  /** e.g. `$request.body.action`. */
  routeSelectionExpression: string;
  /** StageName of each AWS::ApiGatewayV2::Stage of the API, in template order (at least one). */
  stages: string[];
  routes: WebSocketRouteSpec[];
}

export interface WebSocketRouteSpec {
  /** Logical id of the AWS::ApiGatewayV2::Route. */
  logicalId: string;
  /** `$connect`, `$disconnect`, `$default` or a custom key matched against the selection expression. */
  routeKey: string;
  /** The function of the route's AWS_PROXY integration; undefined when the route has no runnable target. */
  functionLogicalId?: string;
  /** Set when an AWS::ApiGatewayV2::RouteResponse exists for the route: the integration's answer goes back to the client. */
  twoWay: boolean;
}

export interface LayerSpec {
  logicalId: string;
  name: string;
  /** Absolute directory (ContentUri). */
  contentDir: string;
}

export interface OutputSpec {
  name: string;
  value: unknown;
  description?: string;
}

export interface LoadOptions {
  parameterOverrides?: Record<string, string>;
  region?: string;
  accountId?: string;
  stackName?: string;
}
