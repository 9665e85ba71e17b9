/**
 * The expression languages through the tables service (no HTTP): each case pinned to the
 * Developer Guide's examples ("Condition and filter expressions, operators, and functions",
 * "Update expressions", "Projection expressions") or to a DynamoDB answer quoted in a public
 * issue, named beside it.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { openEngine } from '../../src/engine/index';
import type { Engine } from '../../src/engine/types';
import { AdjustableClock } from '../../src/shared/clock';
import { createTableService, type TableService } from '../../src/services/tables';

let engine: Engine;
let tables: TableService;
const T = 'ProductCatalog';
const key = { Id: { N: '456' } };

before(async () => {
  engine = await openEngine('sqlite::memory:');
  tables = createTableService({ store: engine.tables, clock: new AdjustableClock(), region: 'us-east-1', accountId: '000000000000', onError: () => {} });
  await tables.createTable({ TableName: T, AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: 'N' }], KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
});
after(async () => {
  await tables.close();
  await engine.close();
});

/** The Developer Guide's ProductCatalog item 456 (Update expressions page), reset before each case. */
async function reset() {
  await tables.putItem({
    TableName: T,
    Item: {
      Id: { N: '456' },
      ProductCategory: { S: 'Sporting Goods' },
      Price: { N: '650' },
      Color: { L: [{ S: 'Red' }, { S: 'Black' }] },
      ProductReviews: { M: { FiveStar: { L: [{ S: 'Excellent!' }] }, OneStar: { L: [{ S: 'Terrible' }] } } },
      Tags: { SS: ['sport', 'outdoor'] },
      RelatedItems: { L: [{ S: '341' }, { S: '472' }, { S: '649' }] },
    },
  });
}
const update = (UpdateExpression: string, values?: Record<string, unknown>, names?: Record<string, string>) =>
  tables.updateItem({ TableName: T, Key: key, UpdateExpression, ExpressionAttributeValues: values, ExpressionAttributeNames: names, ReturnValues: 'ALL_NEW' }) as Promise<{ Attributes: Record<string, any> }>;
const check = (ConditionExpression: string, values?: Record<string, unknown>, names?: Record<string, string>) =>
  tables.deleteItem({ TableName: T, Key: { Id: { N: '999' } }, ConditionExpression, ExpressionAttributeValues: values, ExpressionAttributeNames: names }).then(
    () => true,
    (err) => {
      if (err.code === 'ConditionalCheckFailedException') return false;
      throw err;
    },
  );

describe('update expressions (Developer Guide, "Update expressions")', () => {
  test('SET: top-level, nested map, list element; arithmetic; list_append at either end; if_not_exists', async () => {
    await reset();
    let a = (await update('SET ProductCategory = :c, Price = :p', { ':c': { S: 'Hardware' }, ':p': { N: '60' } })).Attributes;
    assert.deepEqual([a.ProductCategory, a.Price], [{ S: 'Hardware' }, { N: '60' }]);
    a = (await update('SET #pr.FiveStar[0] = :r', { ':r': { S: 'Very happy' } }, { '#pr': 'ProductReviews' })).Attributes;
    assert.deepEqual(a.ProductReviews.M.FiveStar, { L: [{ S: 'Very happy' }] });
    a = (await update('SET Price = Price - :p', { ':p': { N: '15' } })).Attributes;
    assert.deepEqual(a.Price, { N: '45' });
    a = (await update('SET #ri = list_append(#ri, :vals)', { ':vals': { L: [{ S: 'Screwdriver' }] } }, { '#ri': 'RelatedItems' })).Attributes;
    assert.equal(a.RelatedItems.L.at(-1).S, 'Screwdriver');
    a = (await update('SET #ri = list_append(:vals, #ri)', { ':vals': { L: [{ S: 'Chisel' }] } }, { '#ri': 'RelatedItems' })).Attributes;
    assert.equal(a.RelatedItems.L[0].S, 'Chisel');
    // "Preventing overwrites of an existing attribute": if_not_exists keeps the current Price.
    a = (await update('SET Price = if_not_exists(Price, :p)', { ':p': { N: '100' } })).Attributes;
    assert.deepEqual(a.Price, { N: '45' });
    // A list index past the end appends (the guide's RelatedItems[10] example would add a 4th element).
    a = (await update('SET RelatedItems[10] = :x', { ':x': { S: 'end' } })).Attributes;
    assert.equal(a.RelatedItems.L.at(-1).S, 'end');
  });

  test('exact decimal arithmetic up to 38 digits (no floating point)', async () => {
    await reset();
    const a = (await update('SET Price = :a + :b', { ':a': { N: '0.1' }, ':b': { N: '0.2' } })).Attributes;
    assert.deepEqual(a.Price, { N: '0.3' });
    const big = (await update('SET Price = :a + :b', { ':a': { N: '99999999999999999999999999999999999998' }, ':b': { N: '1' } })).Attributes;
    assert.deepEqual(big.Price, { N: '99999999999999999999999999999999999999' });
  });

  test('REMOVE attributes and list elements (elements after shift down)', async () => {
    await reset();
    const a = (await update('REMOVE Tags, RelatedItems[1], RelatedItems[2]')).Attributes;
    assert.equal(a.Tags, undefined);
    assert.deepEqual(a.RelatedItems, { L: [{ S: '341' }] });
  });

  test('ADD to numbers and sets (and a missing attribute), DELETE from sets (an emptied set is removed)', async () => {
    await reset();
    let a = (await update('ADD QuantityOnHand :q, Tags :t', { ':q': { N: '5' }, ':t': { SS: ['winter', 'sport'] } })).Attributes;
    assert.deepEqual(a.QuantityOnHand, { N: '5' });
    assert.deepEqual(a.Tags.SS.sort(), ['outdoor', 'sport', 'winter']);
    a = (await update('DELETE Tags :t', { ':t': { SS: ['outdoor', 'sport', 'winter'] } })).Attributes;
    assert.equal(a.Tags, undefined);
  });

  test('type errors: DynamoDB messages', async () => {
    await reset();
    await assert.rejects(update('SET Price = ProductCategory + :n', { ':n': { N: '1' } }), { message: 'An operand in the update expression has an incorrect data type' });
    // aws/aws-sdk-js-v3#7171 quotes DynamoDB: "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: M".
    await assert.rejects(update('SET Color = list_append(Color, :m)', { ':m': { M: {} } }), {
      message: 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: M',
    });
    await assert.rejects(update('SET Price = Nope + :n', { ':n': { N: '1' } }), { message: 'The provided expression refers to an attribute that does not exist in the item' });
    await assert.rejects(update('SET Nope.deeper = :n', { ':n': { N: '1' } }), { message: 'The document path provided in the update expression is invalid for update' });
    await assert.rejects(update('ADD Tags :n', { ':n': { N: '1' } }), { message: 'An operand in the update expression has an incorrect data type' });
    await assert.rejects(update('SET Id = :n', { ':n': { N: '1' } }), { message: 'One or more parameter values were invalid: Cannot update attribute Id. This attribute is part of the key' });
    await assert.rejects(update('SET Price = :a REMOVE Price', { ':a': { N: '1' } }), {
      message: 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [Price], path two: [Price]',
    });
    const item = await tables.getItem({ TableName: T, Key: key });
    assert.deepEqual((item as { Item: Record<string, unknown> }).Item.Price, { N: '650' });
  });

  test('syntax errors name the token and its neighbours', async () => {
    await reset();
    // aws/aws-cdk#7591: "Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"".
    await assert.rejects(update('ADD hits : incr', { ':incr': { N: '1' } }), { message: 'Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr"' });
    // nubo-db/dynoxide#12 quotes DynamoDB: token "INVALID", near "INVALID SYNTAX".
    await assert.rejects(update('INVALID SYNTAX HERE', { ':v': { S: 'v' } }), { message: 'Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"' });
    // aws/aws-sdk-net#2528: an update expression given as a condition: token "ADD", near "ADD #v".
    await assert.rejects(check('ADD #v :i', { ':i': { N: '1' } }, { '#v': 'views' }), { message: 'Invalid ConditionExpression: Syntax error; token: "ADD", near: "ADD #v"' });
    await assert.rejects(update('SET a = ', {}), /^ValidationException|Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "="$/);
    await assert.rejects(update(''), { message: 'Invalid UpdateExpression: The expression can not be empty;' });
  });

  test('names and values: undefined, unused, reserved words', async () => {
    await reset();
    // neoeinstein/modyne#3 quotes: "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #upd_my_attribute_name".
    await assert.rejects(update('SET #upd_my_attribute_name = :v', { ':v': { S: 'x' } }), {
      message: 'Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #upd_my_attribute_name',
    });
    await assert.rejects(update('SET a = :v'), { message: 'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v' });
    await assert.rejects(update('SET a = :v', { ':v': { S: 'x' }, ':w': { S: 'y' } }), { message: 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}' });
    await assert.rejects(update('SET a = :v', { ':v': { S: 'x' } }, { '#n': 'n' }), { message: 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}' });
    await assert.rejects(update('SET Name = :v', { ':v': { S: 'x' } }), { message: 'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Name' });
  });
});

describe('condition expressions (Developer Guide, "Condition and filter expressions, operators, and functions")', () => {
  before(async () => {
    await tables.putItem({
      TableName: T,
      Item: { Id: { N: '999' }, Price: { N: '500' }, Title: { S: 'Book 999 Title' }, Pictures: { M: { SideView: { S: 'http://x/side.jpg' } } }, Color: { SS: ['Red', 'Blue'] }, Brand: { S: 'Acme' }, Nums: { L: [{ N: '1' }, { S: 'two' }] } },
    });
  });
  // Each check deletes item 999 only when the condition holds; the last test deletes it.
  const holds = (c: string, v?: Record<string, unknown>, n?: Record<string, string>) =>
    tables.updateItem({ TableName: T, Key: { Id: { N: '999' } }, ConditionExpression: c, ExpressionAttributeValues: v, ExpressionAttributeNames: n }).then(
      () => true,
      (err) => (err.code === 'ConditionalCheckFailedException' ? false : Promise.reject(err)),
    );

  test('comparators, BETWEEN, IN, AND/OR/NOT and precedence', async () => {
    assert.equal(await holds('Price > :lo AND Price <= :hi', { ':lo': { N: '499.99' }, ':hi': { N: '500' } }), true);
    assert.equal(await holds('Price BETWEEN :lo AND :hi', { ':lo': { N: '100' }, ':hi': { N: '499' } }), false);
    assert.equal(await holds('Brand IN (:a, :b)', { ':a': { S: 'Other' }, ':b': { S: 'Acme' } }), true);
    assert.equal(await holds('NOT Brand = :a OR Price = :p', { ':a': { S: 'Acme' }, ':p': { N: '500' } }), true);
    assert.equal(await holds('NOT (Brand = :a OR Price = :p)', { ':a': { S: 'Acme' }, ':p': { N: '500' } }), false);
    assert.equal(await holds('Price <> :p', { ':p': { N: '500.0' } }), false);
    // Different types compare false, never an error.
    assert.equal(await holds('Price < :s', { ':s': { S: 'zzz' } }), false);
    assert.equal(await holds('Absent <> :s', { ':s': { S: 'x' } }), false);
  });

  test('functions: attribute_exists / not_exists / type, begins_with, contains, size', async () => {
    assert.equal(await holds('attribute_exists(Pictures.SideView)'), true);
    assert.equal(await holds('attribute_not_exists(Pictures.RearView)'), true);
    assert.equal(await holds('attribute_type(Color, :t)', { ':t': { S: 'SS' } }), true);
    assert.equal(await holds('begins_with(Pictures.SideView, :p)', { ':p': { S: 'http://' } }), true);
    assert.equal(await holds('contains(Color, :c)', { ':c': { S: 'Red' } }), true);
    assert.equal(await holds('contains(Title, :c)', { ':c': { S: '999' } }), true);
    assert.equal(await holds('contains(Nums, :c)', { ':c': { S: 'two' } }), true);
    assert.equal(await holds('size(Title) > :n', { ':n': { N: '13' } }), true);
    assert.equal(await holds('size(Color) = :n', { ':n': { N: '2' } }), true);
    assert.equal(await holds('size(Price) > :n', { ':n': { N: '0' } }), false);
  });

  test('operand type errors are validation errors, checked before any item is read', async () => {
    await assert.rejects(holds('begins_with(Title, :n)', { ':n': { N: '1' } }), {
      message: 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    });
    await assert.rejects(holds('Price < :b', { ':b': { BOOL: true } }), { message: 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL' });
    await assert.rejects(holds('Price BETWEEN :hi AND :lo', { ':lo': { N: '1' }, ':hi': { N: '9' } }), /The BETWEEN operator requires upper bound to be greater than or equal to lower bound/);
  });

  test('projection of nested paths and list elements', async () => {
    const got = (await tables.getItem({ TableName: T, Key: { Id: { N: '999' } }, ProjectionExpression: 'Pictures.SideView, Nums[1], #p', ExpressionAttributeNames: { '#p': 'Price' } })) as { Item: unknown };
    assert.deepEqual(got.Item, { Pictures: { M: { SideView: { S: 'http://x/side.jpg' } } }, Nums: { L: [{ S: 'two' }] }, Price: { N: '500' } });
    await assert.rejects(tables.getItem({ TableName: T, Key: { Id: { N: '999' } }, ProjectionExpression: 'Pictures, Pictures.SideView' }), {
      message: 'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [Pictures], path two: [Pictures, SideView]',
    });
  });
});
