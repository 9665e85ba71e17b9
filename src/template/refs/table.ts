import type { PseudoValues } from '../pseudo';
import { deterministicId } from './ids';

/**
 * What `Ref` and `Fn::GetAtt` return per resource type, as the CloudFormation resource reference
 * pages document them ("Return values" section of each AWS::… page).
 */
export interface RefSubject {
  logicalId: string;
  /** Physical name: the type's name property if given, else the logical id. */
  name: string;
  pseudo: PseudoValues;
  /** A property of the resource, intrinsics resolved. */
  property(name: string): unknown;
}

export interface TypeSemantics {
  /** The property holding the physical name (QueueName, TopicName, …). */
  nameProperty?: string;
  ref(subject: RefSubject): unknown;
  attributes: Record<string, (subject: RefSubject) => unknown>;
}

const arn = (s: RefSubject, service: string, resource: string, global = false) =>
  `arn:${s.pseudo.partition}:${service}:${global ? '' : s.pseudo.region}:${s.pseudo.accountId}:${resource}`;
const byName = (s: RefSubject) => s.name;
const apiId = (s: RefSubject) => deterministicId(s.logicalId);
const apiEndpoint = (s: RefSubject) => `https://${apiId(s)}.execute-api.${s.pseudo.region}.${s.pseudo.urlSuffix}`;
const functionArn = (s: RefSubject) => arn(s, 'lambda', `function:${s.name}`);
const layerArn = (s: RefSubject) => arn(s, 'lambda', `layer:${s.name}:1`);
const tableArn = (s: RefSubject) => arn(s, 'dynamodb', `table/${s.name}`);
/** A fixed stream label keeps StreamArn stable between runs. */
const STREAM_LABEL = '1970-01-01T00:00:00.000';

const lambdaFunction = (nameProperty: string): TypeSemantics => ({ nameProperty, ref: byName, attributes: { Arn: functionArn } });
const table = (): TypeSemantics => ({
  nameProperty: 'TableName',
  ref: byName,
  attributes: { Arn: tableArn, StreamArn: (s) => `${tableArn(s)}/stream/${STREAM_LABEL}` },
});
const restApi: TypeSemantics = {
  nameProperty: 'Name',
  ref: apiId,
  attributes: { RootResourceId: (s) => deterministicId(`${s.logicalId}/root`), RestApiId: apiId },
};
const httpApi: TypeSemantics = { nameProperty: 'Name', ref: apiId, attributes: { ApiEndpoint: apiEndpoint, ApiId: apiId } };
/** A WebSocket API's endpoint is `wss://…` on AWS; on Stratus the local `ws://` URL once its port is known. */
const v2ApiEndpoint = (s: RefSubject) =>
  s.property('ProtocolType') === 'WEBSOCKET'
    ? (s.pseudo.webSocketEndpoints[s.logicalId] ?? `wss://${apiId(s)}.execute-api.${s.pseudo.region}.${s.pseudo.urlSuffix}`)
    : apiEndpoint(s);
const v2Api: TypeSemantics = { nameProperty: 'Name', ref: apiId, attributes: { ApiEndpoint: v2ApiEndpoint, ApiId: apiId } };
/** Routes, integrations and deployments: Ref is their id (RouteId, IntegrationId, DeploymentId). */
const v2Child = (attribute: string): TypeSemantics => ({ ref: apiId, attributes: { [attribute]: apiId } });
const layer = (nameProperty: string): TypeSemantics => ({ nameProperty, ref: layerArn, attributes: {} });

export const REF_TABLE: Record<string, TypeSemantics> = {
  'AWS::Serverless::Function': lambdaFunction('FunctionName'),
  'AWS::Lambda::Function': lambdaFunction('FunctionName'),
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    ref: (s) => `${s.pseudo.edgeUrl}/${s.pseudo.accountId}/${s.name}`,
    attributes: {
      Arn: (s) => arn(s, 'sqs', s.name),
      QueueName: byName,
      QueueUrl: (s) => `${s.pseudo.edgeUrl}/${s.pseudo.accountId}/${s.name}`,
    },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    ref: (s) => arn(s, 'sns', s.name),
    attributes: { TopicArn: (s) => arn(s, 'sns', s.name), TopicName: byName },
  },
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    ref: byName,
    attributes: {
      Arn: (s) => `arn:${s.pseudo.partition}:s3:::${s.name}`,
      DomainName: (s) => `${s.name}.s3.${s.pseudo.urlSuffix}`,
      DualStackDomainName: (s) => `${s.name}.s3.dualstack.${s.pseudo.region}.${s.pseudo.urlSuffix}`,
      RegionalDomainName: (s) => `${s.name}.s3.${s.pseudo.region}.${s.pseudo.urlSuffix}`,
      WebsiteURL: (s) => `http://${s.name}.s3-website-${s.pseudo.region}.${s.pseudo.urlSuffix}`,
    },
  },
  'AWS::DynamoDB::Table': table(),
  'AWS::Serverless::SimpleTable': table(),
  'AWS::Events::Rule': {
    nameProperty: 'Name',
    ref: byName,
    attributes: { Arn: (s) => arn(s, 'events', `rule/${ruleBusPrefix(s)}${s.name}`) },
  },
  'AWS::Events::EventBus': {
    nameProperty: 'Name',
    ref: byName,
    attributes: { Arn: (s) => arn(s, 'events', `event-bus/${s.name}`), Name: byName },
  },
  'AWS::Scheduler::Schedule': {
    nameProperty: 'Name',
    ref: byName,
    attributes: { Arn: (s) => arn(s, 'scheduler', `schedule/${String(s.property('GroupName') ?? 'default')}/${s.name}`) },
  },
  'AWS::Serverless::Api': restApi,
  'AWS::ApiGateway::RestApi': restApi,
  'AWS::Serverless::HttpApi': httpApi,
  'AWS::ApiGatewayV2::Api': v2Api,
  'AWS::ApiGatewayV2::Route': v2Child('RouteId'),
  'AWS::ApiGatewayV2::Integration': v2Child('IntegrationId'),
  'AWS::ApiGatewayV2::Deployment': v2Child('DeploymentId'),
  'AWS::ApiGatewayV2::RouteResponse': v2Child('RouteResponseId'),
  'AWS::ApiGatewayV2::IntegrationResponse': v2Child('IntegrationResponseId'),
  'AWS::ApiGatewayV2::Stage': { nameProperty: 'StageName', ref: byName, attributes: {} },
  'AWS::Serverless::LayerVersion': layer('LayerName'),
  'AWS::Lambda::LayerVersion': layer('LayerName'),
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    ref: byName,
    attributes: { Arn: (s) => arn(s, 'iam', `role/${s.name}`, true), RoleId: (s) => `AROA${deterministicId(s.logicalId, 17).toUpperCase()}` },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    ref: byName,
    attributes: { Arn: (s) => arn(s, 'logs', `log-group:${s.name}:*`) },
  },
  'AWS::StepFunctions::StateMachine': {
    nameProperty: 'StateMachineName',
    ref: (s) => arn(s, 'states', `stateMachine:${s.name}`),
    attributes: { Arn: (s) => arn(s, 'states', `stateMachine:${s.name}`), Name: byName },
  },
};

/** Rules on a custom bus have ARNs `rule/<bus>/<name>`; on the default bus `rule/<name>`. */
function ruleBusPrefix(s: RefSubject): string {
  const bus = s.property('EventBusName');
  if (typeof bus !== 'string' || bus === '' || bus === 'default') return '';
  const busName = bus.startsWith('arn:') ? bus.slice(bus.lastIndexOf('/') + 1) : bus;
  return busName === 'default' ? '' : `${busName}/`;
}

/** Fallback for types without an entry: Ref is the physical name, GetAtt an ARN-like placeholder. */
export function placeholderAttribute(type: string, s: RefSubject): string {
  const service = type.split('::')[1]?.toLowerCase() ?? 'unknown';
  return arn(s, service, s.name);
}

/** Name property for types not in the table, so physical names still follow the template. */
export function namePropertyOf(type: string): string | undefined {
  return REF_TABLE[type]?.nameProperty;
}
