import type { Command } from 'commander';
import { callControl, locateServer, type ServerFlags } from '../running-server';

interface PublishFlags extends ServerFlags {
  subject?: string;
  groupId?: string;
}

export function addPublishCommand(program: Command): void {
  program
    .command('publish')
    .description('Publish a message to an SNS topic of a running Stratus')
    .argument('<topic>', 'topic name or ARN')
    .argument('<message>', 'message text')
    .option('--subject <subject>', 'message subject')
    .option('--group-id <id>', 'MessageGroupId (FIFO topics)')
    .option('--edge-url <url>', 'edge URL of the running Stratus')
    .option('--state-dir <dir>', 'state folder of the running Stratus')
    .option('-t, --template <file>', 'template whose running Stratus to ask')
    .action(async (topic: string, message: string, flags: PublishFlags) => {
      const out = (await callControl(locateServer(flags), 'POST', `topics/${encodeURIComponent(topic)}/publish`, {
        message,
        subject: flags.subject,
        groupId: flags.groupId,
      })) as { MessageId: string };
      process.stdout.write(`${out.MessageId}\n`);
    });
}
