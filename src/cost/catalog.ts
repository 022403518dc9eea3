// The bundled model catalog: litellm's model_prices_and_context_window.json (provenance, licence and field meanings in
// data/catalog/README.md), reduced to what metering and admission need and indexed by (litellm_provider, key).
// Prices are converted once, at load, to USD per million tokens: the unit of PriceConfig.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Protocol } from '../core/canonical.ts';

export interface CatalogEntry {
  /** USD per million tokens */
  input: number;
  output: number;
  cacheRead?: number;
  /** the 5-minute-TTL cache write (litellm's `cache_creation_input_token_cost`) */
  cacheWrite?: number;
  maxInput?: number;
  maxOutput?: number;
  /** YYYY-MM-DD, the shutdown day (litellm's `deprecation_date`); sparse, see data/catalog/README.md */
  deprecation?: string;
  /** the catalog key that matched, so a fallback match (see Catalog.lookup) can be told from an exact one */
  key: string;
}

export const CATALOG_FILE = 'litellm-model-prices.json';
const DEFAULT_DIR = fileURLToPath(new URL('../../data/catalog/', import.meta.url));

/** Top-level keys that are not models: a documented example and litellm's regex routing rules. */
const NOT_MODELS = new Set(['sample_spec', 'fallback_generalizations']);

/**
 * The litellm providers whose prices are the first-party API's for each wire protocol. Other channels that speak the
 * same protocol (azure, bedrock, vertex_ai-*, groq, …) bill differently and have their own keys: config `prices` covers
 * them. This is a data table, not a branch on a vendor (STYLE.md rule 2).
 */
const PROVIDERS: Readonly<Record<Protocol, readonly string[]>> = {
  // text-completion-openai holds the legacy /v1/completions models (gpt-3.5-turbo-instruct, davinci-002, …)
  openai: ['openai', 'text-completion-openai'],
  anthropic: ['anthropic'],
  gemini: ['gemini'],
};

/** An OpenAI (`-2024-07-18`) or Anthropic (`-20241022`) snapshot date at the end of a model id. */
const DATE_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8})$/;

export class Catalog {
  /** the first 12 hex digits of the file's sha256, for recording which catalog priced a request */
  readonly version: string;
  /** model entries in the file (all providers and modes) */
  readonly models: number;
  /** entries indexed: those with both token prices */
  readonly size: number;
  private readonly byProvider: ReadonlyMap<string, ReadonlyMap<string, CatalogEntry>>;

  constructor(byProvider: ReadonlyMap<string, ReadonlyMap<string, CatalogEntry>>, version: string, models: number) {
    this.byProvider = byProvider;
    this.version = version;
    this.models = models;
    let size = 0;
    for (const entries of byProvider.values()) size += entries.size;
    this.size = size;
  }

  /**
   * The first match, trying in order:
   * 1. the model id as given, under one of the protocol's providers: first-party OpenAI and Anthropic keys are bare
   *    (`gpt-4o-mini`, `claude-haiku-4-5`). The provider must match because a bare key can belong to another channel:
   *    `gemini-2.0-flash` is the Vertex AI entry, whose price need not be AI Studio's.
   * 2. `provider/model`: litellm prefixes most providers' keys (`gemini/gemini-2.0-flash`).
   * 3. both again with a snapshot date stripped (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`): vendors ship dated
   *    snapshots before litellm lists them, and a snapshot nearly always keeps its alias's price. It can be wrong (the
   *    alias may have moved to a newer snapshot at another price), so `key` says what matched; config overrides it.
   */
  lookup(protocol: Protocol, model: string): CatalogEntry | undefined {
    const undated = model.replace(DATE_SUFFIX, '');
    const ids = undated === model ? [model] : [model, undated];
    for (const id of ids) {
      for (const provider of PROVIDERS[protocol]) {
        const entries = this.byProvider.get(provider);
        const hit = entries?.get(id) ?? entries?.get(`${provider}/${id}`);
        if (hit !== undefined) return hit;
      }
    }
    return undefined;
  }
}

const loaded = new Map<string, Catalog>();

/** Reads and parses `dir/litellm-model-prices.json` once per directory (default: the repository's data/catalog/). */
export function loadCatalog(dir: string = DEFAULT_DIR): Catalog {
  const file = resolve(join(dir, CATALOG_FILE));
  let catalog = loaded.get(file);
  if (catalog === undefined) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new Error(`model catalog ${file} cannot be read: ${(err as Error).message}`, { cause: err });
    }
    catalog = parseCatalog(bytes, file);
    loaded.set(file, catalog);
  }
  return catalog;
}

/** Parses the catalog JSON; `version` is the first 12 hex digits of the bytes' sha256. */
export function parseCatalog(bytes: Buffer | string, source = 'catalog'): Catalog {
  const version = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString());
  } catch (err) {
    throw new Error(`model catalog ${source} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!isObject(json)) throw new Error(`model catalog ${source} is not a JSON object`);
  const byProvider = new Map<string, Map<string, CatalogEntry>>();
  let models = 0;
  for (const [key, raw] of Object.entries(json)) {
    if (NOT_MODELS.has(key) || !isObject(raw) || typeof raw.litellm_provider !== 'string') continue;
    models += 1;
    const entry = toEntry(key, raw);
    if (entry === undefined) continue;
    let entries = byProvider.get(raw.litellm_provider);
    if (entries === undefined) byProvider.set(raw.litellm_provider, (entries = new Map<string, CatalogEntry>()));
    entries.set(key, entry);
  }
  return new Catalog(byProvider, version, models);
}

/** Undefined for an entry without both token prices (image, audio and per-second models): unknown is not zero. */
function toEntry(key: string, raw: Record<string, unknown>): CatalogEntry | undefined {
  const input = perMillion(raw.input_cost_per_token);
  const output = perMillion(raw.output_cost_per_token);
  if (input === undefined || output === undefined) return undefined;
  const entry: CatalogEntry = { input, output, key };
  const cacheRead = perMillion(raw.cache_read_input_token_cost);
  const cacheWrite = perMillion(raw.cache_creation_input_token_cost);
  const maxInput = tokenCount(raw.max_input_tokens);
  const maxOutput = tokenCount(raw.max_output_tokens);
  if (cacheRead !== undefined) entry.cacheRead = cacheRead;
  if (cacheWrite !== undefined) entry.cacheWrite = cacheWrite;
  if (maxInput !== undefined) entry.maxInput = maxInput;
  if (maxOutput !== undefined) entry.maxOutput = maxOutput;
  if (typeof raw.deprecation_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw.deprecation_date)) {
    entry.deprecation = raw.deprecation_date;
  }
  return entry;
}

/** USD per token → USD per million tokens; 12 significant digits drop binary noise (1.5e-7 × 1e6 is 0.15, not 0.15000000000000002). */
function perMillion(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return Number((value * 1_000_000).toPrecision(12));
}

/** Context sizes are sometimes floats (`2000000.0`) or strings: accept any positive whole number after rounding. */
function tokenCount(value: unknown): number | undefined {
  const n = typeof value === 'number' || typeof value === 'string' ? Math.round(Number(value)) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
