// A config file on disk for the register's CLI tests: three vendors in the PRODUCT.md example's shape, a store
// in a temp folder. The file is real YAML because the commands under test read --config FILE.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { stringify } from 'yaml';

export interface RegisterConfigFile {
  file: string;
  dir: string;
  doc: Record<string, unknown>;
}

export function registerConfigDoc(dir: string, vendors: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: 0 },
    store: `sqlite:${join(dir, 'airlock.db')}`,
    admin_token: 'adm-test-token',
    vendors: {
      openai: {
        protocol: 'openai',
        base_url: 'https://api.openai.com/v1',
        api_key: 'sk-not-used',
        region: 'us',
        terms: { version: '2026-01-01', retention_days: 30, trains_on_data: false, zero_data_retention: false, dpa_signed: true, url: 'https://openai.com/policies' },
        review: { status: 'approved', expires: '2099-06-30', approved_data: ['public', 'internal', 'personal'] },
      },
      anthropic: {
        protocol: 'anthropic',
        base_url: 'https://api.anthropic.com',
        region: 'us',
        terms: { version: '2025-09-01', retention_days: 30, trains_on_data: false },
        review: { status: 'pending' },
      },
      onprem: {
        protocol: 'openai',
        base_url: 'http://127.0.0.1:11434/v1',
        region: 'internal',
        terms: { retention_days: 0 },
        review: { status: 'approved', by: 'ops', date: '2026-01-15', approved_data: ['public', 'internal', 'confidential', 'personal', 'special', 'payment'] },
      },
      ...vendors,
    },
    models: {
      chat: { targets: [{ vendor: 'openai', model: 'gpt-4o-mini' }, { vendor: 'anthropic', model: 'claude-3-5-haiku-20241022' }, { vendor: 'onprem', model: 'llama3.1:8b' }] },
      embed: { targets: [{ vendor: 'openai', model: 'text-embedding-3-small' }] },
    },
  };
}

export function writeRegisterConfig(t: TestContext, vendors: Record<string, Record<string, unknown>> = {}): RegisterConfigFile {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-register-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const doc = registerConfigDoc(dir, vendors);
  const file = join(dir, 'airlock.yaml');
  writeFileSync(file, stringify(doc));
  return { file, dir, doc };
}

/** An Output that keeps what was written, for the commands' stdout/stderr parameters. */
export function captured(): { text: string; write(t: string, done: () => void): boolean } {
  const s = {
    text: '',
    write(t: string, done: () => void) {
      s.text += t;
      done();
      return true;
    },
  };
  return s;
}
