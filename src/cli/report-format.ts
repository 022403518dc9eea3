// Renders report rows as an aligned text table or RFC 4180 CSV. Cells arrive as strings; numbers are
// right-aligned in the table by declaring the column `align: 'right'`.

export interface Column {
  title: string;
  align?: 'left' | 'right';
}

export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return c.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), ...rows.map(line)].map((l) => l + '\n').join('');
}

/** RFC 4180: CRLF line ends; a field holding a comma, quote, CR or LF is quoted, its quotes doubled. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [header, ...rows].map((r) => r.map(field).join(',') + '\r\n').join('');
}
