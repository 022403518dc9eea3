// ready() against a database that goes away: through a TCP proxy the test can cut (refused) or silence (hung).
import net from 'node:net';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshSchema } from './pg-schema.fixture.ts';
import { PgStore } from './pg-store.ts';

interface Proxy {
  port: number;
  /** client bytes swallowed while silent */
  swallowed: number;
  silent: boolean;
  cut(): Promise<void>;
}

async function proxyTo(target: URL, t: { after(fn: () => Promise<void>): void }): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { client.destroy(); upstream.destroy(); });
    }
    client.on('data', (d: Buffer) => {
      if (proxy.silent) proxy.swallowed += d.length;
      else upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => { if (!proxy.silent) client.write(d); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = async (): Promise<void> => {
    for (const s of sockets) s.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const proxy: Proxy = { port: (server.address() as net.AddressInfo).port, swallowed: 0, silent: false, cut };
  t.after(cut);
  return proxy;
}

function via(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('ready() turns false after the next ping once the database refuses connections', { timeout: 15_000 }, async (t) => {
  const { url } = await freshSchema(t);
  const proxy = await proxyTo(new URL(url), t);
  let now = 0;
  const store = await PgStore.open(via(url, proxy.port), { clock: { now: () => now }, connectTimeoutMs: 1000 });
  t.after(() => store.close());
  assert.equal(store.ready(), true);
  await proxy.cut();
  assert.equal(store.ready(), true, 'the cached answer until it is a second old');
  now = 1000;
  store.ready(); // starts the ping
  for (let i = 0; i < 100 && store.ready(); i++) await settle(20);
  assert.equal(store.ready(), false);
});

test('ready() turns false when a ping goes unanswered, and never starts a second one meanwhile', { timeout: 15_000 }, async (t) => {
  const { url } = await freshSchema(t);
  const proxy = await proxyTo(new URL(url), t);
  let now = 0;
  const store = await PgStore.open(via(url, proxy.port), { clock: { now: () => now }, connectTimeoutMs: 1000, max: 4 });
  t.after(async () => {
    await proxy.cut(); // lets the hung ping fail, so the pool can end
    await store.close();
  });
  proxy.silent = true;
  now = 1000;
  assert.equal(store.ready(), true, 'the last answer while the new ping runs');
  await settle(50);
  const oneping = proxy.swallowed;
  assert.ok(oneping > 0, 'the ping reached the proxy');
  for (const at of [1500, 1900, 2500]) {
    now = at;
    assert.equal(store.ready(), true, `at ${at}: a ping under 2 s old is not yet a failure`);
  }
  now = 3000;
  assert.equal(store.ready(), false, 'a ping unanswered for 2 s');
  now = 9000;
  assert.equal(store.ready(), false);
  await settle(50);
  assert.equal(proxy.swallowed, oneping, 'no second ping (nor a new connection) while the first hangs');
});
