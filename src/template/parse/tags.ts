import type { CollectionTag, ScalarTag } from 'yaml';

/**
 * CloudFormation short-form tags. They are registered so `yaml` keeps them (unregistered tags
 * are dropped with only a warning); each resolves to the node itself, and `to-plain.ts` turns
 * the tagged node into the long form while recording its position.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export const SHORT_FORM_FUNCTIONS = [
  'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Condition', 'Length', 'ToJsonString',
] as const;

const keepNode = <T>(node: T): T => node;

function tagsFor(name: string): (ScalarTag | CollectionTag)[] {
  const tag = `!${name}`;
  return [
    { tag, resolve: keepNode } as ScalarTag,
    { tag, collection: 'seq', resolve: keepNode } as CollectionTag,
    { tag, collection: 'map', resolve: keepNode } as CollectionTag,
  ];
}

export const cloudFormationTags: (ScalarTag | CollectionTag)[] = ['Ref', ...SHORT_FORM_FUNCTIONS].flatMap(tagsFor);

/** `!Ref X` → `Ref`, `!Condition X` → `Condition`, `!Sub …` → `Fn::Sub`. */
export function longFormKey(tag: string): string | undefined {
  const name = tag.startsWith('!') ? tag.slice(1) : tag;
  if (name === 'Ref' || name === 'Condition') return name;
  return (SHORT_FORM_FUNCTIONS as readonly string[]).includes(name) ? `Fn::${name}` : undefined;
}
