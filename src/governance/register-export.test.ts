import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelConfig, VendorConfig } from '../config/types.ts';
import { csvCell, dataSensitivity, registerCsv, REGISTER_CSV_COLUMNS } from './register-csv.ts';
import { registerBom } from './register-cyclonedx.ts';
import { MemoryRegisterState, vendorFixture } from './register.fixture.ts';
import { VendorRegister } from './vendor-register.ts';

const NOW = Date.UTC(2026, 5, 15);
const T = { connectMs: 1, firstByteMs: 1, totalMs: 1, idleMs: 1 };

async function entries() {
  const acme = { ...vendorFixture('acme'), terms: { version: 'v1', retentionDays: 0, dpaSigned: true, url: 'https://acme.test/terms' } };
  const reg = await VendorRegister.open(new Map<string, VendorConfig>([['acme', acme], ['beta', vendorFixture('beta', { status: 'rejected' }, null)]]), new MemoryRegisterState(), NOW);
  return reg.list(NOW);
}

const MODELS = new Map<string, ModelConfig>([
  ['chat', { name: 'chat', targets: [{ vendor: 'acme', model: 'm1', timeouts: T }, { vendor: 'acme', model: 'm2', timeouts: T }] }],
  ['embed', { name: 'embed', targets: [{ vendor: 'acme', model: 'e', timeouts: T }] }],
]);

test('csvCell: RFC 4180 quoting and formula defusing', { timeout: 1000 }, () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=SUM(A1)'), "'=SUM(A1)");
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('@x,y'), `"'@x,y"`);
});

test('dataSensitivity: the RoI level of the most sensitive approved class', { timeout: 1000 }, () => {
  assert.equal(dataSensitivity([]), '');
  assert.equal(dataSensitivity(['public', 'internal']), 'low');
  assert.equal(dataSensitivity(['internal', 'confidential']), 'medium');
  assert.equal(dataSensitivity(['public', 'payment']), 'high');
});

test('registerCsv: header, one row per vendor, functions from the model chains', { timeout: 1000 }, async () => {
  const [header, acme, beta, end] = registerCsv((await entries()), MODELS).split('\r\n');
  assert.equal(header, REGISTER_CSV_COLUMNS.join(','));
  assert.equal(end, '');
  const col = (row: string | undefined, c: (typeof REGISTER_CSV_COLUMNS)[number]): string | undefined => row?.split(',')[REGISTER_CSV_COLUMNS.indexOf(c)];
  assert.equal(col(acme, 'functions_supported'), 'chat;embed');
  assert.equal(col(acme, 'data_storage'), 'false', 'zero retention days: no storage');
  assert.equal(col(acme, 'data_sensitivity'), 'high');
  assert.equal(col(beta, 'review_status'), 'rejected');
  assert.equal(col(beta, 'data_storage'), '', 'unknown is not false');
  assert.equal(col(beta, 'contract_reference'), '');
});

test('registerBom: one service per vendor with endpoints, data, trustZone and properties', { timeout: 1000 }, async () => {
  const bom = registerBom((await entries()), MODELS, { now: NOW, serial: '3e671687-395b-41f5-a30f-a58921a69b79', toolVersion: '0.1.0' }) as { services: Record<string, unknown>[] } & Record<string, unknown>;
  assert.equal(bom.bomFormat, 'CycloneDX');
  assert.equal(bom.specVersion, '1.6');
  assert.equal(bom.serialNumber, 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
  assert.deepEqual((bom.metadata as { timestamp: string }).timestamp, '2026-06-15T00:00:00.000Z');
  const [acme, beta] = bom.services;
  assert.equal(acme?.name, 'acme');
  assert.deepEqual(acme?.provider, { name: 'acme' });
  assert.deepEqual(acme?.endpoints, ['https://api.acme.test/v1']);
  assert.equal(acme?.trustZone, 'eu');
  assert.equal(acme?.version, 'v1');
  assert.deepEqual(acme?.data, [{ flow: 'inbound', classification: 'internal' }, { flow: 'inbound', classification: 'personal' }]);
  const props = new Map((acme?.properties as { name: string; value: string }[]).map((p) => [p.name, p.value]));
  assert.equal(props.get('airlock:terms:retention_days'), '0');
  assert.equal(props.get('airlock:terms:dpa_signed'), 'true');
  assert.equal(props.get('airlock:review:effective_status'), 'approved');
  assert.equal(props.get('airlock:models'), 'chat,embed');
  assert.equal(props.has('airlock:review:effective_reason'), false, 'absent values are left out, not emptied');
  assert.deepEqual(beta?.data, []);
  assert.equal(beta?.version, undefined);
});
