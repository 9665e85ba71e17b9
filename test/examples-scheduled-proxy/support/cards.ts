/** Reading what the fake Teams endpoints received, by job. */
import type { FakeTeamsWebhook } from './fake-teams';

/** A MessageCard's facts as a name → value map. */
export function factsOf(card: any): Record<string, string> {
  return Object.fromEntries(card.sections[0].facts.map((f: { name: string; value: string }) => [f.name, f.value]));
}

export function adaptiveBody(message: any): any[] {
  return message.attachments[0].content.body;
}

/** Summary cards for one job accepted since `mark` (an index into `accepted`). */
export function summaryCards(teams: FakeTeamsWebhook, label: string, mark = 0): any[] {
  return teams.accepted.slice(mark).filter((card) => String(card.title).includes(label));
}

/** Workflow messages for one job accepted since `mark`. */
export function workflowPosts(workflow: FakeTeamsWebhook, label: string, mark = 0): any[] {
  return workflow.accepted.slice(mark).filter((message) => String(adaptiveBody(message)[0]?.text).includes(label));
}

/** POST attempts (accepted or refused) whose body mentions the job. */
export function attemptsFor(webhook: FakeTeamsWebhook, label: string, mark = 0): number {
  return webhook.attempts.slice(mark).filter((r) => r.body.includes(label)).length;
}
