// Builds small, valid PDFs for tests: one page of Helvetica text lines, with a correct cross-reference table, so any
// reader (ours, and a vendor's) takes it as it is.
export function makePdf(lines: string[], pages = 1, trailerExtra = '', extraObjs: string[] = []): Buffer {
  const esc = (s: string): string => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${esc(l)}) Tj T*`).join(' ')} ET`;
  const pageIds = Array.from({ length: pages }, (_, i) => 5 + i);
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    ...pageIds.map(() => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>'),
    ...extraObjs,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * Encrypted with the standard security handler under a user password nobody knows (the /O and /U entries match no
 * password), so a reader must ask for one.
 */
export function makeLockedPdf(): Buffer {
  const bytes = (n: number, seed: number): string => `<${Array.from({ length: n }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('')}>`;
  const encrypt = `<< /Filter /Standard /V 1 /R 2 /O ${bytes(32, 11)} /U ${bytes(32, 5)} /P -44 >>`;
  // the encryption dictionary is the object after the page: 5 + pages (1)
  return makePdf(['secret'], 1, ` /Encrypt 6 0 R /ID [${bytes(16, 3)} ${bytes(16, 3)}]`, [encrypt]);
}

/** A page with no text on it at all, as a scan without OCR is to a reader. */
export function makeBlankPdf(): Buffer {
  return makePdf([]);
}
