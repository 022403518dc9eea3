// For tests that need the Redis at 127.0.0.1:6379 (REDIS_URL overrides; .ci/run starts it): whether it answers,
// and a bounded wait for state that other instances change through it.
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** null when Redis answers a PING; otherwise why not, for the test's skip reason. */
export async function redisUnreachable(url = REDIS_URL): Promise<string | null> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (err) {
    return `Redis at ${url} is unreachable (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    probe.disconnect();
  }
}

/** Polls `check` every `everyMs` until it holds; fails the test naming `what` after `ms`. */
export async function until(what: string, check: () => boolean, ms = 2000, everyMs = 5): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
