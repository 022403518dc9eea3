// The cue scan of address.ts runs only over the stretches before digits: it must find what a scan of the whole text
// finds, whatever the text. Checked against that scan on generated texts built to hit the edges: cues right at the
// reach, long runs of spaces after a cue, cues cut by a digit, upper case, and a character that stops lower-casing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CUE, CUE_VALUE, cuedAddresses, cueStretches } from './address.ts';
import { cuedPostcodes } from './address-shapes.ts';
import { eachCue } from './context.ts';
import { piecesText, seeded } from '../../../test/helpers/seeded.ts';

function wholeScan(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  eachCue(text, CUE, (at, length) => {
    const from = at + length;
    const v = CUE_VALUE.exec(text.slice(from, from + 160));
    if (v) out.push([from, from + v[0].length]);
  });
  return out;
}

const PIECES = [
  'lives at', 'live at', 'living at', 'address:', 'address is', 'Address to', 'address with', 'located at', 'LOCATED ON',
  'moved to', 'sent to', 'send to', 'send this to', 'send them to', 'shipped to', 'Ship to', 'delivered to', 'deliver to',
  'resides at', 'reside at', 'inside of', 'corner of', 'return to', 'ſend to',
  ' ', ' ', ' ', '  ', '\t', ' '.repeat(30), ' '.repeat(90), '\n', '?', ';', '.', ', ',
  '1', '42', '221', '90210', '4.2', '0', '2', '3', '4', '5', '6', '7', '8', '9', 'Baker Street', 'Main St', 'Apt 4B', 'the', 'Springfield', 'x'.repeat(40), 'y'.repeat(75),
  // prose without digits, so that most texts take the stretches rather than the whole-text scan digits crowd them into
  ...Array<string>(6).fill('the team reviewed the notes again this morning and agreed on the next steps for the quarter. '.repeat(4)),
];

test('the cue scan over the stretches before digits finds what the whole-text scan finds', { timeout: 20_000 }, () => {
  const next = seeded(0x5eed);
  let found = 0;
  let stretched = 0;
  for (let i = 0; i < 9000; i++) {
    const n = 2 + Math.floor(next() * 40);
    const text = piecesText(next, PIECES, n);
    const expected = wholeScan(text);
    found += expected.length;
    if (cueStretches(text) !== null) stretched++;
    assert.deepEqual(cuedAddresses(text), expected, JSON.stringify(text));
  }
  assert.ok(found > 1000, `the texts exercised the cues: ${found} values found`);
  assert.ok(stretched > 1500 && stretched < 7500, `both scans were exercised: ${stretched} of 9000 texts by stretches`);
});

test('a cue 80 characters and a run of spaces before its digit is still found; one character further is not', () => {
  const at = (spaces: number, gap: number): Array<[number, number]> => cuedAddresses(`${'z'.repeat(200)} ship to${' '.repeat(spaces)}${'w'.repeat(gap)}7 Elm Road.`);
  assert.equal(at(1, 80).length, 1);
  assert.equal(at(120, 80).length, 1);
  assert.equal(at(1, 81).length, 0);
  assert.deepEqual(at(120, 80), wholeScan(`${'z'.repeat(200)} ship to${' '.repeat(120)}${'w'.repeat(80)}7 Elm Road.`));
});

test('postcode cues found in the lower-cased copy are those the scan of the text for each letter finds', { timeout: 20_000 }, () => {
  const next = seeded(0x21c0de);
  const pieces = ['zip', 'ZIP', 'Zip code', 'zip  code', 'postal code', 'Post code', 'POSTCODE', 'postcode', 'PLZ', 'plz', 'zipper', 'Poland',
    'xpost', '_zip', 'épost', 'éZip', ':', ' is ', '#', '=', '-', '90210', '12345-678', '394 13', 'SW1A 1AA', 'K1A 0B1', ' ', '  ', '\t', '\n',
    'zip: 90210', 'Postal code 12345', 'plz 10115',
    'please post the plan to the people in the pipeline; ', 'the team agreed on the next steps for the quarter. '];
  let found = 0;
  for (let i = 0; i < 6000; i++) {
    const n = 1 + Math.floor(next() * 40);
    const text = piecesText(next, pieces, n);
    // 'ſ' (long s) stops the lower-cased copy (it folds onto 's'), so the second call takes the scan for each letter;
    // after a line break it cannot change a cue or a value
    const letters = cuedPostcodes(`${text}\nſ`);
    const expected = cuedPostcodes(text);
    found += expected.length;
    assert.deepEqual(expected, letters, JSON.stringify(text));
  }
  assert.ok(found > 1000, `${found} postcodes found`);
});
