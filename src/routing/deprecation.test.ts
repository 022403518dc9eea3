import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deprecationHeaders, retiredBy, retirementOf } from './deprecation.ts';

const day = (iso: string): number => Date.parse(iso);

test('looks a model up by id and by alias in the model-eol feeds', { timeout: 2000 }, () => {
  // openai.json: gpt-4-0613 (alias gpt-4), announced 2026-04-22, shutdown 2026-10-23, replacement gpt-5.6-sol
  const info = retirementOf('gpt-4-0613');
  assert.deepEqual(info, {
    id: 'gpt-4-0613',
    shutdown: '2026-10-23',
    announced: '2026-04-22',
    replacement: 'gpt-5.6-sol',
    source: 'https://developers.openai.com/api/docs/deprecations',
  });
  assert.equal(retirementOf('gpt-4'), info);
  assert.equal(retirementOf('claude-3-7-sonnet')?.shutdown, '2026-02-19', 'anthropic alias');
  assert.equal(retirementOf('nova-canvas')?.shutdown, '2026-09-30', 'amazon');
  assert.equal(retirementOf('gemini-3.1-flash-lite')?.precision, 'earliest', 'google');
  assert.equal(retirementOf('gemini-3.6-flash'), undefined, 'listed, but no shutdown scheduled');
  assert.equal(retirementOf('no-such-model'), undefined);
});

test('deprecation headers within the warning window: Deprecation, Sunset and the successor', { timeout: 2000 }, () => {
  const info = retirementOf('gpt-4-0613');
  assert.ok(info);
  assert.deepEqual(deprecationHeaders(info, day('2026-09-01T12:00:00Z')), {
    Deprecation: '@1776816000', // 2026-04-22T00:00:00Z, the announcement
    Sunset: 'Fri, 23 Oct 2026 00:00:00 GMT',
    Link: '<urn:airlock:model:gpt-5.6-sol>; rel="successor-version"',
  });
  assert.equal(retiredBy(info, day('2026-09-01T12:00:00Z')), false);
});

test('no headers far ahead of the date; the window opens warnDays before shutdown', { timeout: 2000 }, () => {
  const info = retirementOf('gpt-4-0613');
  assert.ok(info);
  assert.deepEqual(deprecationHeaders(info, day('2026-05-01T00:00:00Z')), {});
  assert.deepEqual(deprecationHeaders(info, day('2026-07-24T23:59:59Z')), {}, '91 days ahead');
  assert.equal(Object.keys(deprecationHeaders(info, day('2026-07-25T00:00:00Z'))).length, 3, 'exactly 90 days ahead');
  assert.deepEqual(deprecationHeaders(info, day('2026-05-01T00:00:00Z'), 200).Sunset, 'Fri, 23 Oct 2026 00:00:00 GMT');
});

test('past the date: still the headers, and retiredBy says so', { timeout: 2000 }, () => {
  const info = retirementOf('gpt-4-0613');
  assert.ok(info);
  assert.equal(retiredBy(info, day('2026-10-22T23:59:59Z')), false);
  assert.equal(retiredBy(info, day('2026-10-23T00:00:00Z')), true);
  assert.equal(deprecationHeaders(info, day('2027-01-01T00:00:00Z')).Sunset, 'Fri, 23 Oct 2026 00:00:00 GMT');
});

test('Link only with a replacement; Deprecation falls back to shutdown − warnDays without an announcement', { timeout: 2000 }, () => {
  // amazon.json: nova-canvas, announced 2026-03-30, shutdown 2026-09-30, no replacement
  const canvas = retirementOf('nova-canvas');
  assert.ok(canvas);
  assert.deepEqual(deprecationHeaders(canvas, day('2026-09-01T00:00:00Z')), {
    Deprecation: '@1774828800',
    Sunset: 'Wed, 30 Sep 2026 00:00:00 GMT',
  });
  // google.json: gemini-3.1-flash-lite, shutdown 2027-05-07 (earliest), no announced date
  const lite = retirementOf('gemini-3.1-flash-lite');
  assert.ok(lite);
  assert.deepEqual(deprecationHeaders(lite, day('2027-03-01T00:00:00Z')), {
    Deprecation: '@1801872000', // 2027-02-06T00:00:00Z = 2027-05-07 − 90 days
    Sunset: 'Fri, 07 May 2027 00:00:00 GMT',
    Link: '<urn:airlock:model:gemini-3.5-flash-lite>; rel="successor-version"',
  });
});
