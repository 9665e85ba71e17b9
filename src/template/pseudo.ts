import { basename, dirname } from 'node:path';
import { createHash } from 'node:crypto';
import type { LoadOptions } from './model';

/** Stratus defaults, as DESIGN.md states: one fake account in us-east-1. */
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '000000000000';
/** Where the AWS-compatible endpoints listen; queue URLs point here. */
export const DEFAULT_EDGE_URL = 'http://127.0.0.1:4566';

export interface PseudoValues {
  region: string;
  accountId: string;
  stackName: string;
  partition: string;
  urlSuffix: string;
  edgeUrl: string;
  /** Local `ws://` URL of each WebSocket API by logical id, once Stratus has its ports (GetAtt ApiEndpoint). */
  webSocketEndpoints: Record<string, string>;
}

/** Marks AWS::NoValue: the key or list item holding it is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * Default stack name: the template directory's name, made a valid stack name. `sam local` uses a
 * fixed placeholder instead; a name per project keeps physical names such as
 * `${AWS::StackName}-jobs` distinct between projects that share one Stratus state.
 * Stack names: letters, digits and hyphens, starting with a letter (CloudFormation CreateStack).
 */
export function defaultStackName(templatePath: string): string {
  const cleaned = basename(dirname(templatePath)).replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!cleaned) return 'stratus';
  return /^[A-Za-z]/.test(cleaned) ? cleaned.slice(0, 128) : `stack-${cleaned}`.slice(0, 128);
}

export function buildPseudoValues(templatePath: string, options: LoadOptions & { edgeUrl?: string; webSocketEndpoints?: Record<string, string> }): PseudoValues {
  const region = options.region ?? DEFAULT_REGION;
  return {
    region,
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    stackName: options.stackName ?? defaultStackName(templatePath),
    partition: partitionOf(region),
    urlSuffix: region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com',
    edgeUrl: (options.edgeUrl ?? DEFAULT_EDGE_URL).replace(/\/+$/, ''),
    webSocketEndpoints: options.webSocketEndpoints ?? {},
  };
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Value of a pseudo parameter, or undefined if `name` is not one.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */
export function pseudoParameter(name: string, values: PseudoValues): unknown {
  switch (name) {
    case 'AWS::Region':
      return values.region;
    case 'AWS::AccountId':
      return values.accountId;
    case 'AWS::StackName':
      return values.stackName;
    case 'AWS::StackId':
      return `arn:${values.partition}:cloudformation:${values.region}:${values.accountId}:stack/${values.stackName}/${stackUuid(values)}`;
    case 'AWS::Partition':
      return values.partition;
    case 'AWS::URLSuffix':
      return values.urlSuffix;
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return undefined;
  }
}

/** A stable UUID-shaped id per stack, so AWS::StackId does not change between runs. */
function stackUuid(values: PseudoValues): string {
  const hex = createHash('sha256').update(`${values.accountId}/${values.region}/${values.stackName}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
