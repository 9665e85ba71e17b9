/** Resource types this loader turns into the model (functions, APIs, layers). */
export const MODELLED_TYPES: readonly string[] = [
  'AWS::Serverless::Function',
  'AWS::Lambda::Function',
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::Serverless::LayerVersion',
  'AWS::Lambda::LayerVersion',
  // WebSocket APIs (resources/websocket-apis.ts); an HTTP-protocol ApiGatewayV2::Api is warned there.
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::RouteResponse',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Deployment',
];

/**
 * Types that upcoming Stratus services will run: kept in `resources` with no warning. Move a
 * type here (or out) to change what `stratus validate` warns about.
 */
export const KNOWN_LATER_TYPES: readonly string[] = [
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::SNS::TopicPolicy',
  'AWS::Events::Rule',
  'AWS::Events::EventBus',
  'AWS::Scheduler::Schedule',
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::Serverless::SimpleTable',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::Lambda::Permission',
  'AWS::Logs::LogGroup',
  // Read by the HTTP API gateway: authorizers, API keys and usage plans, custom domains.
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGateway::ApiKey',
  'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGateway::UsagePlanKey',
  'AWS::ApiGateway::DomainName',
  'AWS::ApiGateway::BasePathMapping',
  'AWS::ApiGatewayV2::DomainName',
  'AWS::ApiGatewayV2::ApiMapping',
];

/** The warning for a type Stratus keeps but does not run (listed once per type). */
export function notRunWarning(type: string): string | undefined {
  if (MODELLED_TYPES.includes(type) || KNOWN_LATER_TYPES.includes(type)) return undefined;
  return `${type}: not run by Stratus yet`;
}
