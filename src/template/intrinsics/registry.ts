import type { IntrinsicFunction } from './call';
import { base64, cidr, getAZs, join, select, split } from './lists';
import { and, conditionRef, equals, fnIf, not, or } from './logic';
import { findInMap, getAtt, ref } from './references';
import { sub } from './sub';

/** Every intrinsic function Stratus evaluates, by long-form name. */
export const INTRINSICS: Record<string, IntrinsicFunction> = {
  Ref: ref,
  Condition: conditionRef,
  'Fn::GetAtt': getAtt,
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::Base64': base64,
  'Fn::GetAZs': getAZs,
  'Fn::Cidr': cidr,
  'Fn::FindInMap': findInMap,
  'Fn::If': fnIf,
  'Fn::Equals': equals,
  'Fn::And': and,
  'Fn::Or': or,
  'Fn::Not': not,
};

/** Real CloudFormation functions Stratus cannot evaluate locally, with the reason shown to users. */
export const UNSUPPORTED_INTRINSICS: Record<string, string> = {
  'Fn::ImportValue': 'it reads an export of another deployed stack, and Stratus runs one template; replace it with a parameter',
  'Fn::Transform': 'macros such as AWS::Include run in CloudFormation, not locally',
  'Fn::Length': 'it needs the AWS::LanguageExtensions transform, which Stratus does not run',
  'Fn::ToJsonString': 'it needs the AWS::LanguageExtensions transform, which Stratus does not run',
  'Fn::ForEach': 'it needs the AWS::LanguageExtensions transform, which Stratus does not run',
  'Fn::GetStackOutput': 'it reads outputs of another deployed stack',
};
