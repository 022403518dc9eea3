// The vendor register as a CycloneDX 1.6 BOM (https://cyclonedx.org/docs/1.6/json/): one `services[]` entry
// per vendor. `data[]` lists the classes the vendor may receive right now, flow `inbound` (the direction is
// relative to the service: prompts enter it); `trustZone` is the region; terms and review go to `properties`
// under the `airlock:` namespace, as the CycloneDX property taxonomy suggests for tool-specific names.
import type { ModelConfig } from '../config/types.ts';
import { functionsByVendor } from './register-csv.ts';
import type { RegisterEntry } from './vendor-register.ts';

export interface BomOptions {
  /** epoch ms, for metadata.timestamp */
  now: number;
  /** a random UUID (RFC 4122); a BOM's serial number must differ between exports */
  serial: string;
  toolVersion: string;
}

type Property = { name: string; value: string };

function properties(e: RegisterEntry, functions: readonly string[]): Property[] {
  const t = e.terms;
  const r = e.review;
  const all: [string, string | number | boolean | null | undefined][] = [
    ['airlock:protocol', e.protocol],
    ['airlock:models', functions.length === 0 ? undefined : functions.join(',')],
    ['airlock:terms:version', t.version],
    ['airlock:terms:retention_days', t.retentionDays],
    ['airlock:terms:trains_on_data', t.trainsOnData],
    ['airlock:terms:zero_data_retention', t.zeroDataRetention],
    ['airlock:terms:dpa_signed', t.dpaSigned],
    ['airlock:terms:subprocessors', t.subprocessors],
    ['airlock:terms:url', t.url],
    ['airlock:review:status', r.status],
    ['airlock:review:reviewer', r.reviewer],
    ['airlock:review:date', r.date],
    ['airlock:review:expires', r.expires],
    ['airlock:review:approved_data', r.approvedData.join(',')],
    ['airlock:review:approved_terms_version', r.approvedTermsVersion],
    ['airlock:review:effective_status', e.effective.status],
    ['airlock:review:effective_reason', e.effective.reason],
  ];
  return all.filter((p): p is [string, string | number | boolean] => p[1] !== undefined && p[1] !== null && p[1] !== '').map(([name, value]) => ({ name, value: String(value) }));
}

function service(e: RegisterEntry, functions: readonly string[]): Record<string, unknown> {
  return {
    'bom-ref': `vendor:${e.name}`,
    provider: { name: e.name },
    name: e.name,
    ...(e.terms.version === undefined ? {} : { version: e.terms.version }),
    description: `AI model API reached through Airlock (${e.protocol} protocol)`,
    endpoints: [e.baseUrl],
    ...(e.region === null ? {} : { trustZone: e.region }),
    data: e.effective.approvedData.map((classification) => ({ flow: 'inbound', classification })),
    properties: properties(e, functions),
  };
}

export function registerBom(entries: readonly RegisterEntry[], models: ReadonlyMap<string, ModelConfig>, opts: BomOptions): Record<string, unknown> {
  const functions = functionsByVendor(models);
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${opts.serial}`,
    version: 1,
    metadata: {
      timestamp: new Date(opts.now).toISOString(),
      tools: { components: [{ type: 'application', name: 'airlock', version: opts.toolVersion }] },
    },
    services: entries.map((e) => service(e, functions.get(e.name) ?? [])),
  };
}
