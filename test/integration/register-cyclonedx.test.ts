// `airlock report register --format cyclonedx` validated against the CycloneDX 1.6 JSON schema. The schema
// comes from @cyclonedx/cyclonedx-library (res/schema/bom-1.6.SNAPSHOT.schema.json with its spdx and jsf
// references) and is checked with ajv@8 + ajv-formats, wired the way that library's own JSON validator does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportRegisterCommand } from '../../src/cli/report-register.ts';
import { captured, writeRegisterConfig } from '../helpers/register-config.ts';

const SCHEMA_DIR = fileURLToPath(new URL('../../node_modules/@cyclonedx/cyclonedx-library/res/schema/', import.meta.url));
const AJV_PKG = fileURLToPath(new URL('../../node_modules/ajv/package.json', import.meta.url));

interface ValidateFn {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
interface AjvLike {
  compile(schema: unknown): ValidateFn;
  addFormat(name: string, f: (s: string) => boolean): unknown;
}
type AjvCtor = new (opts: Record<string, unknown>) => AjvLike;

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(`${SCHEMA_DIR}${name}`, 'utf8'));
}

/** null when ready, else why the test cannot run yet */
function missing(): string | null {
  if (!existsSync(`${SCHEMA_DIR}bom-1.6.SNAPSHOT.schema.json`)) return 'devDependency @cyclonedx/cyclonedx-library is not installed (it ships the CycloneDX 1.6 schema)';
  const ajvMajor = existsSync(AJV_PKG) ? Number((JSON.parse(readFileSync(AJV_PKG, 'utf8')) as { version: string }).version.split('.')[0]) : 0;
  if (ajvMajor < 8) return 'devDependencies ajv@8 and ajv-formats@3 are not installed (node_modules/ajv is eslint\'s ajv@6)';
  return null;
}

// Variable specifiers: this file must compile before the validator packages are installed.
async function validator(): Promise<ValidateFn> {
  const ajvName = 'ajv';
  const formatsName = 'ajv-formats';
  const Ajv = ((await import(ajvName)) as { default: AjvCtor }).default;
  const addFormats = ((await import(formatsName)) as { default: (a: AjvLike) => void }).default;
  const ajv = new Ajv({
    strict: false,
    useDefaults: false,
    addUsedSchema: false,
    formats: { string: true },
    schemas: {
      'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': readJson('spdx.SNAPSHOT.schema.json'),
      'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': readJson('jsf-0.82.SNAPSHOT.schema.json'),
    },
  });
  addFormats(ajv);
  try {
    const draft2019Name = 'ajv-formats-draft2019';
    ((await import(draft2019Name)) as { default: (a: AjvLike) => void }).default(ajv);
  } catch {
    // without ajv-formats-draft2019: iri-reference and idn-email checked as URL references and plain emails
    ajv.addFormat('iri-reference', (s) => URL.canParse(s, 'http://base.invalid/'));
    ajv.addFormat('idn-email', (s) => /^[^\s@]+@[^\s@]+$/.test(s));
  }
  return ajv.compile(readJson('bom-1.6.SNAPSHOT.schema.json'));
}

const reason = missing();

test('report register --format cyclonedx is a valid CycloneDX 1.6 BOM', { timeout: 30_000, skip: reason ?? false }, async (t) => {
  const { file } = writeRegisterConfig(t);
  const out = captured();
  const err = captured();
  assert.equal(await reportRegisterCommand(['--format', 'cyclonedx', '--config', file], out, err, {}), 0, err.text);
  const bom = JSON.parse(out.text) as { services: { name: string; data: unknown[] }[] };
  const validate = await validator();
  assert.ok(validate(bom), JSON.stringify(validate.errors, null, 2));
  assert.deepEqual(bom.services.map((s) => s.name), ['openai', 'anthropic', 'onprem']);
  // a BOM that breaks the schema must fail, or the check above proves nothing
  assert.equal(validate({ ...bom, services: [{ ...bom.services[0], data: [{ flow: 'sideways', classification: 'x' }] }] }), false);
});

test('report register --format cyclonedx: shape checked without the schema', { timeout: 30_000 }, async (t) => {
  const { file } = writeRegisterConfig(t);
  const out = captured();
  assert.equal(await reportRegisterCommand(['--format', 'cyclonedx', '--config', file], out, captured(), {}), 0);
  const bom = JSON.parse(out.text) as Record<string, unknown> & { services: Record<string, unknown>[] };
  assert.equal(bom.specVersion, '1.6');
  assert.match(bom.serialNumber as string, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const onprem = bom.services.find((s) => s.name === 'onprem');
  assert.deepEqual(onprem?.endpoints, ['http://127.0.0.1:11434/v1']);
  assert.equal(onprem?.trustZone, 'internal');
  assert.equal((onprem?.data as unknown[]).length, 6);
  assert.deepEqual(bom.services.find((s) => s.name === 'anthropic')?.data, [], 'a pending vendor may receive nothing');
});
