// The pseudonym vault in Redis, for several instances: a request's mapping (placeholder → original value) parked
// under a short TTL so whichever instance restores the answer can read it. What a reviewer asks of it:
//   - values are never in Redis in the clear: the mapping is sealed with AES-256-GCM, a fresh 96-bit IV each time,
//     and the Redis key as additional data, so a blob copied to another key does not open;
//   - key names give nothing away: `<prefix>v:<HMAC-SHA256(request id)>`, not linkable to the request log without
//     the key;
//   - the key never reaches Redis, a log or an error: it comes from AIRLOCK_VAULT_KEY (32 bytes, base64 or hex),
//     shared by the instances, or is drawn at random per process (then only this process can open its mappings);
//     HKDF derives separate sealing and naming keys from it;
//   - the TTL is set with the value (SET … PX), so a crashed instance leaves nothing behind for long, and drop()
//     deletes the mapping as soon as the answer is out;
//   - errors name the operation, never a value, and a blob that fails authentication reads as absent.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface RedisVaultOptions {
  /** default 'airlock:' */
  prefix?: string;
  /** how long a parked mapping lives, ms; default 120 000 (longer than any request may take) */
  ttlMs?: number;
  /** the 32-byte master key; default: AIRLOCK_VAULT_KEY, else random per process */
  key?: Buffer;
  /** close the client on close(); default false (the caller owns it) */
  ownsClient?: boolean;
}

/** AIRLOCK_VAULT_KEY as 32 bytes (base64 or 64 hex digits), or null when unset; throws on a malformed key. */
export function vaultKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const raw = env.AIRLOCK_VAULT_KEY;
  if (raw === undefined || raw === '') return null;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('AIRLOCK_VAULT_KEY must be 32 bytes, base64 or hex');
  return key;
}

export class RedisVault {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly sealKey: Buffer;
  private readonly nameKey: Buffer;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisVaultOptions = {},
  ) {
    this.prefix = options.prefix ?? 'airlock:';
    this.ttlMs = options.ttlMs ?? 120_000;
    const master = options.key ?? vaultKeyFromEnv() ?? randomBytes(32);
    if (master.length !== 32) throw new Error('the vault key must be 32 bytes');
    this.sealKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'airlock vault seal v1', 32));
    this.nameKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'airlock vault name v1', 32));
  }

  static connect(url: string, options: Omit<RedisVaultOptions, 'ownsClient'> = {}): RedisVault {
    const client = new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
    return new RedisVault(client, { ...options, ownsClient: true });
  }

  /** Parks the request's mapping (placeholder → value) for the TTL. An empty mapping is not written. */
  async put(requestId: string, mapping: ReadonlyMap<string, string>): Promise<void> {
    if (mapping.size === 0) return;
    const key = this.keyOf(requestId);
    await this.redis.set(key, this.seal(key, JSON.stringify([...mapping])), 'PX', this.ttlMs);
  }

  /** The parked mapping, or an empty one when there is none (expired, dropped, or not sealed with this key). */
  async get(requestId: string): Promise<Map<string, string>> {
    const key = this.keyOf(requestId);
    const blob = await this.redis.getBuffer(key);
    if (blob === null) return new Map();
    const plain = this.open(key, blob);
    return plain === null ? new Map() : new Map(JSON.parse(plain) as Array<[string, string]>);
  }

  async drop(requestId: string): Promise<void> {
    await this.redis.del(this.keyOf(requestId));
  }

  async close(): Promise<void> {
    if (this.options.ownsClient) await this.redis.quit();
  }

  /** The Redis key for a request: its id is not in it. */
  keyOf(requestId: string): string {
    return `${this.prefix}v:${createHmac('sha256', this.nameKey).update(requestId).digest('base64url')}`;
  }

  private seal(key: string, plain: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    cipher.setAAD(Buffer.from(key));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  private open(key: string, blob: Buffer): string | null {
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, blob.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(Buffer.from(key));
      decipher.setAuthTag(blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
