import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { UserError } from '../../src/shared/errors';
import { findTemplate } from '../../src/template/index';
import { writeTemplate } from './helpers';

test('findTemplate: a directory gives template.yaml, then .yml, then .json; a file gives itself', () => {
  const json = writeTemplate('{}', { 'template.yml': 'x: 1' }, 'template.json');
  const dir = dirname(json);
  assert.equal(findTemplate(dir), join(dir, 'template.yml'));
  assert.equal(findTemplate(json), json);
  const onlyJson = dirname(writeTemplate('{}', {}, 'template.json'));
  assert.equal(findTemplate(onlyJson), join(onlyJson, 'template.json'));
});

test('findTemplate: missing file or a directory without a template is a UserError', () => {
  const dir = dirname(writeTemplate('{}', {}, 'other.yaml'));
  assert.throws(() => findTemplate(dir), (e) => e instanceof UserError && /no template\.yaml, template\.yml, template\.json/.test(e.message));
  assert.throws(() => findTemplate(join(dir, 'nope.yaml')), (e) => e instanceof UserError && /no such file/.test(e.message));
});
