import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryRegisterState, vendorFixture } from './register.fixture.ts';
import { vendorRegisterCases } from './vendor-register.case.ts';
import { VendorRegister } from './vendor-register.ts';

vendorRegisterCases('memory', () => {
  const state = new MemoryRegisterState();
  return { state, reopen: () => state };
});

test('memory: a failed save changes neither the store nor the view', { timeout: 1000 }, async () => {
  const state = new MemoryRegisterState();
  const now = Date.UTC(2026, 5, 15);
  const reg = await VendorRegister.open(new Map([['acme', vendorFixture('acme')]]), state, now);
  state.failNextSave = true;
  await assert.rejects(() => reg.review('acme', { status: 'rejected', by: 'dana' }, now), /disk full/);
  assert.equal(reg.effective('acme', now).status, 'approved');
  assert.equal(state.events.length, 1);
});
