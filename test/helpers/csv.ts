// A strict RFC 4180 reader for the report tests: CRLF records, "" inside quoted fields, and an assertion failure on
// any quoting mistake, so a CSV export that spreadsheets would misread fails the test.
import assert from 'node:assert/strict';

/** RFC 4180 reader: CRLF records, "" inside quoted fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string;
    if (text[i] === '"') {
      let end = i + 1;
      while (!(text[end] === '"' && text[end + 1] !== '"')) {
        assert.ok(end < text.length, 'unterminated quoted field');
        end += text[end] === '"' ? 2 : 1;
      }
      field = text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
    } else {
      const stop = text.slice(i).search(/,|\r\n/);
      const to = stop === -1 ? text.length : i + stop;
      field = text.slice(i, to);
      assert.ok(!/["\r\n]/.test(field), `unquoted field with a special character: ${JSON.stringify(field)}`);
      i = to;
    }
    record.push(field);
    if (text.startsWith(',', i)) {
      i += 1;
      continue;
    }
    assert.ok(text.startsWith('\r\n', i), `record must end with CRLF at ${i}`);
    i += 2;
    records.push(record);
    record = [];
  }
  return records;
}
