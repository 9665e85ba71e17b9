/**
 * TransactWriteItems and TransactGetItems (API Reference; "Amazon DynamoDB Transactions: How it
 * works"). All actions run in one engine transaction: all succeed or none is applied; a failed
 * condition cancels the lot with TransactionCanceledException and one CancellationReason per
 * action, in request order. ClientRequestToken makes a retry within 10 minutes return the first
 * answer (kept per process).
 */
import { createHash } from 'node:crypto';
import { type Item, readItem } from './attribute-values';
import { type TablesContext, requireTable } from './context';
import { TablesError, constraint, validation } from './errors';
import { checkKeyParameter, rowKeyOf } from './keys';
import { prepareDelete, preparePut, prepareUpdate } from './items';
import { applyProjection, compileRequestExpressions } from './request-expressions';
import { type PreparedWrite, WriteFailure, applyWrites, parseRow, prepare } from './writes';

type Raw = Record<string, unknown>;
export const MAX_TRANSACT_ITEMS = 100;
const TOKEN_TTL_MS = 10 * 60 * 1000;

const ACTIONS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;

function transactItems(input: Raw): Raw[] {
  const items = input.TransactItems;
  if (!Array.isArray(items)) throw constraint(null, 'transactItems', 'Member must not be null');
  if (items.length === 0 || items.length > MAX_TRANSACT_ITEMS) {
    throw constraint(JSON.stringify(items).slice(0, 100), 'transactItems', `Member must have length less than or equal to ${MAX_TRANSACT_ITEMS}, Member must have length greater than or equal to 1`);
  }
  return items as Raw[];
}

export function createTransactions(ctx: TablesContext) {
  const tokens = new Map<string, { at: number; digest: string; result: unknown }>();

  async function prepareAction(entry: Raw): Promise<PreparedWrite> {
    const present = ACTIONS.filter((a) => entry?.[a] !== undefined);
    if (present.length !== 1) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
    const action = present[0];
    const body = entry[action] as Raw;
    const { spec } = await requireTable(ctx, body.TableName);
    switch (action) {
      case 'Put':
        return preparePut(spec, body);
      case 'Delete':
        return prepareDelete(spec, body);
      case 'Update':
        return prepareUpdate(spec, body).write;
      case 'ConditionCheck': {
        const key = checkKeyParameter(spec, readItem(body.Key, 'key'));
        const { condition } = compileRequestExpressions(body);
        if (!condition) throw validation('The ConditionExpression parameter must be specified for ConditionCheck');
        return prepare(spec, key, { condition, returnOldOnFailure: body.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' });
      }
    }
  }

  return {
    async transactWriteItems(input: Raw) {
      const items = transactItems(input);
      const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : undefined;
      const digest = createHash('sha256').update(JSON.stringify(items)).digest('hex');
      const now = ctx.clock.now();
      for (const [t, v] of tokens) if (now - v.at > TOKEN_TTL_MS) tokens.delete(t);
      if (token) {
        const seen = tokens.get(token);
        if (seen && seen.digest !== digest) throw new TablesError('IdempotentParameterMismatchException', 'One or more parameter values were invalid: the request with this ClientRequestToken differs from the one it was first used with');
        if (seen) return seen.result;
      }
      const writes: PreparedWrite[] = [];
      for (const entry of items) writes.push(await prepareAction(entry));
      const ids = writes.map((w) => `${w.spec.name}\0${w.target.pk.toString('hex')}\0${w.target.sk.toString('hex')}`);
      if (new Set(ids).size !== ids.length) throw validation('Transaction request cannot include multiple operations on one item');
      try {
        await applyWrites(ctx, writes);
      } catch (err) {
        if (!(err instanceof WriteFailure)) throw err;
        throw canceled(writes.length, err);
      }
      const result = {};
      if (token) tokens.set(token, { at: now, digest, result });
      return result;
    },

    async transactGetItems(input: Raw) {
      const items = transactItems(input);
      const gets = [];
      for (const entry of items) {
        const body = entry?.Get as Raw | undefined;
        if (!body) throw validation('TransactItems can only contain Get');
        const { spec } = await requireTable(ctx, body.TableName);
        const key = checkKeyParameter(spec, readItem(body.Key, 'key'));
        gets.push({ spec, key, projection: compileRequestExpressions(body).projection });
      }
      const responses: { Item?: Item }[] = [];
      for (const g of gets) {
        const [row] = await ctx.store.getItems(g.spec.name, [rowKeyOf(g.spec, g.key)]);
        const item = parseRow(row);
        responses.push(item ? { Item: applyProjection(item, g.projection) } : {});
      }
      return { Responses: responses };
    },
  };
}

/** TransactionCanceledException: one reason per action, `None` for those that would have succeeded. */
function canceled(count: number, failure: WriteFailure): TablesError {
  const codeOf = (e: TablesError) => (e.code === 'ConditionalCheckFailedException' ? 'ConditionalCheckFailed' : e.code === 'ValidationException' ? 'ValidationError' : e.code);
  const reasons: Record<string, unknown>[] = Array.from({ length: count }, () => ({ Code: 'None' }));
  for (const f of failure.failures) reasons[f.index] = { Code: codeOf(f.error), Message: f.error.message, ...(f.item && { Item: f.item }) };
  const message = `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`;
  return new TablesError('TransactionCanceledException', message, 400, { CancellationReasons: reasons });
}
