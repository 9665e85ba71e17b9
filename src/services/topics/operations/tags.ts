/** TagResource, UntagResource, ListTagsForResource on topics (SNS tags only topics). */
import type { TopicContext } from '../context';
import { invalidParameter, resourceNotFound, SnsError } from '../errors';
import { MAX_TAGS } from '../limits';
import type { Tag } from '../api';

/** Tag keys 1–128 characters, values up to 256 (Amazon SNS tags, "Tag restrictions"). */
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;

export function tagsToMap(tags: Tag[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags) {
    if (typeof tag?.Key !== 'string' || tag.Key.length < 1 || tag.Key.length > MAX_KEY_LENGTH) throw invalidParameter('Tags.Key');
    const value = tag.Value ?? '';
    if (value.length > MAX_VALUE_LENGTH) throw invalidParameter('Tags.Value');
    map[tag.Key] = value;
  }
  if (Object.keys(map).length > MAX_TAGS) throw tagLimit();
  return map;
}

const tagLimit = () => new SnsError('TagLimitExceeded', 'Could not complete request: tag quota of per resource exceeded');

export function createTagOperations(ctx: TopicContext) {
  const topicOf = async (arn: string) => {
    try {
      return await ctx.topicByArn(arn, 'ResourceArn');
    } catch (err) {
      if ((err as { code?: string }).code === 'NotFound') throw resourceNotFound();
      throw err;
    }
  };
  return {
    async tagResource(input: { ResourceArn: string; Tags: Tag[] }): Promise<void> {
      const topic = await topicOf(input.ResourceArn);
      const merged = { ...topic.tags, ...tagsToMap(input.Tags ?? []) };
      if (Object.keys(merged).length > MAX_TAGS) throw tagLimit();
      await ctx.store.updateTopic(topic.name, { tags: merged });
    },
    async untagResource(input: { ResourceArn: string; TagKeys: string[] }): Promise<void> {
      const topic = await topicOf(input.ResourceArn);
      const tags = { ...topic.tags };
      for (const key of input.TagKeys ?? []) delete tags[key];
      await ctx.store.updateTopic(topic.name, { tags });
    },
    async listTagsForResource(input: { ResourceArn: string }): Promise<{ Tags: Tag[] }> {
      const topic = await topicOf(input.ResourceArn);
      return { Tags: Object.entries(topic.tags).map(([Key, Value]) => ({ Key, Value })) };
    },
  };
}
