import type { TopicService } from '../../services/topics';
import { ControlError } from './http';
import type { ControlRoute } from './api';

export interface TopicPorts {
  topics: TopicService;
  topicArn(name: string): string;
}

export function topicRoutes(p: TopicPorts): ControlRoute[] {
  return [
    {
      method: 'POST',
      pattern: /^topics\/([^/]+)\/publish$/,
      async run([name], body) {
        if (typeof body.message !== 'string') throw new ControlError(400, 'message (a string) is required');
        const arn = name.startsWith('arn:') ? name : p.topicArn(name);
        return p.topics.publish({
          TopicArn: arn,
          Message: body.message,
          Subject: typeof body.subject === 'string' ? body.subject : undefined,
          MessageGroupId: typeof body.groupId === 'string' ? body.groupId : undefined,
        });
      },
    },
  ];
}
