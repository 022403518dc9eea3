// Positives and near misses for the validated detectors: cards, IBANs, emails, phones, IPs, national ids, wallets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findBankNumbers } from './bank.ts';
import { findCards, luhn } from './card.ts';
import { findWallets } from './crypto.ts';
import { findBirthDates } from './dob.ts';
import { findEmails } from './email.ts';
import { findIbans, mod97 } from './iban.ts';
import { findIps } from './ip.ts';
import { findNationalIds } from './national-id.ts';
import { findPhones } from './phone.ts';

const values = (found: Array<{ start: number; end: number }>, text: string): string[] => found.map((f) => text.slice(f.start, f.end));
const opts = { timeout: 5000 };

test('cards: Luhn-valid with separators pass, Luhn failures and short ids do not', opts, () => {
  assert.equal(luhn('4539148803436467'), true);
  const text = 'card 4539 1488 0343 6467, also 4539-1488-0343-6467 and 4539148803436467; order 4539148803436468';
  assert.deepEqual(values(findCards(text), text), ['4539 1488 0343 6467', '4539-1488-0343-6467', '4539148803436467']);
  assert.deepEqual(findCards('order number 1234567812345678 shipped'), []);
  assert.deepEqual(findCards('0000000000000000 and 4444444444444444'), []);
});

test('IBAN: mod-97 valid, grouped or compact; wrong checksum and wrong length rejected', opts, () => {
  assert.equal(mod97('DE44500105175407324931'), true);
  const text = 'pay DE44 5001 0517 5407 3249 31 or GB82WEST12345698765432 today';
  assert.deepEqual(values(findIbans(text), text), ['DE44 5001 0517 5407 3249 31', 'GB82WEST12345698765432']);
  assert.deepEqual(findIbans('DE44 5001 0517 5407 3249 32'), []);
  assert.deepEqual(findIbans('GB82WEST1234569876543'), []);
});

test('email: plain and IDN addresses; package specs and bare domains are not emails', opts, () => {
  const text = 'write to jane.doe+tag@mail.example.co.uk or a@xn--80ak6aa92e.com';
  assert.deepEqual(values(findEmails(text), text), ['jane.doe+tag@mail.example.co.uk', 'a@xn--80ak6aa92e.com']);
  assert.deepEqual(findEmails('npm i left-pad@1.3.0 and image@sha256 and me@localhost'), []);
  // inside a web address, the address starts after the path or query that leads to it
  const url = 'see https://img.example/chart.png?owner=ada@analytical.example&x=1 or /u/bob@mail.example';
  assert.deepEqual(values(findEmails(url), url), ['ada@analytical.example', 'bob@mail.example']);
});

test('phone: international via libphonenumber, national with a cue, NANP shape alone', opts, () => {
  const text = 'Call me at 0612 34 56 78, office +44 20 7946 0958, or (212) 555-0187.';
  assert.deepEqual(values(findPhones(text), text), ['0612 34 56 78', '+44 20 7946 0958', '(212) 555-0187']);
  assert.deepEqual(findPhones('Order number 1234 5678 90 was shipped on 2024-03-01'), []);
  assert.deepEqual(findPhones('invoice 555-123-4567'), []);
});

test('ip: v4 and v6 with prefixes; versions, times, MACs and scopes are not', opts, () => {
  const text = 'from 203.0.113.9, route 10.0.0.0/8, host 2001:db8::1 and [::ffff:192.0.2.1]:443';
  assert.deepEqual(values(findIps(text), text).sort(), ['10.0.0.0/8', '192.0.2.1', '2001:db8::1', '203.0.113.9', '::ffff:192.0.2.1'].sort());
  const misses = 'Version 1.2.3.4, at 12:34:56, MAC aa:bb:cc:dd:ee:ff, std::vector, ratio 1:2:3:4, IP192.168.1.1x';
  assert.deepEqual(findIps(misses), []);
});

test('national ids: SSN shape with SSA validity, passport and licence after cues', opts, () => {
  const text = 'SSN 219-09-9999; not 000-12-3456 or 666-12-3456; social security number 219099998';
  assert.deepEqual(values(findNationalIds(text), text), ['219-09-9999', '219099998']);
  const docs = 'passport number X48213977, driving licence no. D1234-56789';
  assert.deepEqual(values(findNationalIds(docs), docs), ['X48213977', 'D1234-56789']);
  assert.deepEqual(findNationalIds('build 219099998 passed'), []);
});

test('date of birth only next to a birth cue', opts, () => {
  const text = 'DOB: 04/17/1983. Meeting on 05/02/2024.';
  assert.deepEqual(values(findBirthDates(text), text), ['04/17/1983']);
});

test('bank: account after a cue; routing numbers must pass the ABA checksum', opts, () => {
  const text = 'account number 0012345678, routing number 021000021, routing 123456789';
  assert.deepEqual(values(findBankNumbers(text), text), ['0012345678', '021000021']);
});

test('wallets: Base58Check and bech32 checksums, ETH shape', opts, () => {
  const text = 'send to 1BoatSLRHtKNngkdXEeobR76b53LETtpyT or bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq or 0x52908400098527886E0F7030069857D2E4169EE7';
  assert.equal(findWallets(text).length, 3);
  assert.deepEqual(findWallets('1BoatSLRHtKNngkdXEeobR76b53LETtpyU'), []);
});
