import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../config/load.ts';
import { AirlockError } from '../core/errors.ts';
import type { Retirement } from './deprecation.ts';
import { allSwitches, resolveChain, switchId, targetRetirement } from './lifecycle.ts';
import { onLifecycleSwitch, planTargets } from './plan.ts';

const CONFIG = `
vendors:
  a: { protocol: openai, base_url: "http://127.0.0.1:1/v1", timeouts: { first_byte_ms: 1111 } }
  b: { protocol: anthropic, base_url: "http://127.0.0.1:2", timeouts: { first_byte_ms: 2222 } }
models:
  chat:
    targets:
      - { vendor: a, model: old-1, retires: 2027-03-01, successor: b/new-b }
      - { vendor: a, model: feed-old }
      - { vendor: b, model: lonely, retires: 2027-02-01 }
  same:
    targets:
      - { vendor: a, model: old-2, retires: 2027-03-01, successor: new-a }
      - { vendor: a, model: new-a }
  gone:
    targets: [{ vendor: b, model: lonely, retires: 2027-02-01 }]
`;

// a feed of our own: feed-old retires 2027-04-01 into feed-new, which itself retires 2027-05-01 into feed-newest
const FEED = new Map<string, Retirement>([
  ['feed-old', { id: 'feed-old', shutdown: '2027-04-01', replacement: 'feed-new' }],
  ['feed-new', { id: 'feed-new', shutdown: '2027-05-01', replacement: 'feed-newest' }],
]);
const lookup = (m: string): Retirement | undefined => FEED.get(m);
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const config = parseConfig(CONFIG, 'lifecycle.yaml', {});
const chat = config.models.get('chat');
const same = config.models.get('same');
assert.ok(chat && same);
const names = (ts: { target: { vendor: string; model: string } }[]): string[] => ts.map((t) => `${t.target.vendor}/${t.target.model}`);

test('config retires/successor over the feed; a bare successor is a model of the same vendor', { timeout: 2000 }, () => {
  const [first, second, third] = chat.targets;
  assert.ok(first && second && third);
  assert.deepEqual(targetRetirement(first, lookup), {
    id: 'old-1', shutdown: '2027-03-01', precision: 'exact', source: 'config', origin: 'config', successor: { vendor: 'b', model: 'new-b' }, replacement: 'new-b',
  });
  assert.deepEqual(targetRetirement(second, lookup), { id: 'feed-old', shutdown: '2027-04-01', replacement: 'feed-new', origin: 'catalog', successor: { vendor: 'a', model: 'feed-new' } });
  assert.equal(targetRetirement(third, lookup)?.successor, null);
  assert.deepEqual(same.targets[0]?.successor, { vendor: 'a', model: 'new-a' });
});

test('before the day the chain is as configured; the day before a retirement bounds the plan', { timeout: 2000 }, () => {
  const r = resolveChain(config, chat, day('2027-01-31') + 86_399_999, lookup);
  assert.deepEqual(names(r.targets), ['a/old-1', 'a/feed-old', 'b/lonely']);
  assert.deepEqual(r.switches, []);
  assert.equal(r.validUntil, day('2027-02-01'));
});

test('on the day: successor in place (other vendor: its timeouts), no successor: dropped; feeds chain on', { timeout: 2000 }, () => {
  const feb = resolveChain(config, chat, day('2027-02-01'), lookup);
  assert.deepEqual(names(feb.targets), ['a/old-1', 'a/feed-old']);
  assert.deepEqual(feb.switches, [{ logicalModel: 'chat', position: 3, from: { vendor: 'b', model: 'lonely' }, to: null, date: '2027-02-01', origin: 'config' }]);
  const mar = resolveChain(config, chat, day('2027-03-01'), lookup);
  assert.deepEqual(names(mar.targets), ['b/new-b', 'a/feed-old']);
  assert.equal(mar.targets[0]?.target.timeouts.firstByteMs, 2222, 'the successor on another vendor brings its vendor timeouts');
  const may = resolveChain(config, chat, day('2027-05-01'), lookup);
  assert.deepEqual(names(may.targets), ['b/new-b', 'a/feed-newest']);
  assert.deepEqual(may.switches.map((s) => `${s.from.model}->${s.to?.model ?? '-'}`), ['old-1->new-b', 'feed-old->feed-new', 'feed-new->feed-newest', 'lonely->-']);
  assert.equal(may.validUntil, Number.POSITIVE_INFINITY);
  // a successor already in the chain is tried once, in the earlier place
  assert.deepEqual(names(resolveChain(config, same, day('2027-03-01'), lookup).targets), ['a/new-a']);
});

test('switch ids are stable, and differ per switch', { timeout: 2000 }, () => {
  const a = allSwitches(config, day('2027-06-01'), lookup);
  const b = allSwitches(config, day('2027-07-01'), lookup);
  assert.deepEqual(a.map(switchId), b.map(switchId));
  assert.equal(new Set(a.map(switchId)).size, a.length);
  assert.match(switchId(a[0] ?? assert.fail()), /^aud_eol_[0-9a-f]{24}$/);
});

test('planTargets: rebuilt on the day, tells the listener, and a model with nothing left is model_retired', { timeout: 2000 }, () => {
  // the bundled catalog lists none of these made-up models, so only the config's dates apply here
  const own = parseConfig(CONFIG, 'lifecycle-plan.yaml', {});
  const heard: string[] = [];
  onLifecycleSwitch(own, (switches) => heard.push(...switches.map((s) => `${s.logicalModel}:${s.from.model}`)));
  assert.deepEqual(planTargets(own, 'gone', null, day('2027-01-31')).map((t) => t.model), ['lonely']);
  assert.deepEqual(heard, []);
  assert.throws(() => planTargets(own, 'gone', null, day('2027-02-01')), (err: unknown) => err instanceof AirlockError && err.code === 'model_retired' && err.status === 410);
  assert.deepEqual(heard, ['gone:lonely']);
  const plan = planTargets(own, 'chat', null, day('2027-03-02'));
  assert.deepEqual(plan.map((t) => `${t.vendor}/${t.model}`), ['b/new-b', 'a/feed-old']);
  assert.equal(plan[0]?.vendorConfig.name, 'b');
  assert.equal(plan[1]?.deprecation, undefined, 'feed-old is not in the bundled catalog');
  assert.equal(planTargets(own, 'chat', null, day('2027-03-03')), plan, 'the plan is cached until the next retirement');
});
