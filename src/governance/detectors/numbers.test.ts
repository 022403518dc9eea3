// The shared number scan, and national-id-anchors' letters followed by four digits, find their positions with indexOf
// where a text has few digits and with a regex where it has many: both must give what the regex alone gives. Checked
// on generated texts with every start character, the look-behind's characters on either side, and texts on both sides
// of the density bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gluedDigits } from './national-id-anchors.ts';
import { eachNumberStart } from './numbers.ts';
import { sparseMarks } from './sparse-marks.ts';
import { piecesText, seeded } from '../../../test/helpers/seeded.ts';

const START = /(?<![A-Za-z0-9_])[0-9+(]/g;

const PIECES = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '(', ')', '+49 30', '(415) 555-0132', '4.2', 'v2', 'x9', 'Z0',
  '_7', 'é5', ' ', '-', '.', '\n', 'word', 'A', 'z', '_', 'Ü', '€',
  // prose without numbers, often enough that many texts stay under the density bound
  ...Array<string>(48).fill('the quarterly review of the onboarding funnel went well and the team agreed on the next steps. '),
];

test('the number starts found by indexOf on sparse texts are the regex scan\'s, on dense ones too', { timeout: 20_000 }, () => {
  const next = seeded(0xc0ffee);
  let sparse = 0;
  for (let i = 0; i < 6000; i++) {
    const n = 1 + Math.floor(next() * 60);
    const text = piecesText(next, PIECES, n);
    const expected = [...text.matchAll(START)].map((m) => m.index);
    const got: number[] = [];
    eachNumberStart(text, 0, (at) => got.push(at));
    assert.deepEqual(got, expected, JSON.stringify(text));
    if (sparseMarks(text) !== null) sparse++;
  }
  assert.ok(sparse > 1000 && sparse < 5000, `both ways exercised: ${sparse} of 6000 texts sparse`);
});

test('a letter and four digits, read off the sparse digits, are where the regex scan finds them', { timeout: 20_000 }, () => {
  const next = seeded(0xbead);
  const pieces = [...PIECES, 'ssn123456789', 'X1234567', 'D1234-5678', 'a1234b5678', 'Z99999', 'é1234', '_1234', 'q123', 'x+1234', 'B(5678'];
  let sparse = 0;
  for (let i = 0; i < 6000; i++) {
    const n = 1 + Math.floor(next() * 60);
    const text = piecesText(next, pieces, n);
    const expected = [...text.matchAll(/[A-Za-z]\d\d\d\d/g)].map((m) => m.index + 1);
    assert.deepEqual(gluedDigits(text), expected, JSON.stringify(text));
    if (sparseMarks(text) !== null && expected.length > 0) sparse++;
  }
  assert.ok(sparse > 50, `the sparse path found glued digits in ${sparse} texts`);
});
