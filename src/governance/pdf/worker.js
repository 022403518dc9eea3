// @ts-check
// Runs in a worker thread of the PDF reader's pool (reader.ts): PDF.js parses on the thread that calls it, and a
// large or hostile PDF must not hold the gateway's event loop, nor its heap: the pool caps this thread's.
// JavaScript, not TypeScript, so the thread starts without tsx: through tsx's loader, importing PDF.js took ~850 ms
// against ~160 ms without it (it transforms the 1.5 MB module on every start), and every new thread pays that once.
import { Buffer } from 'node:buffer';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * @param {{ data: string, maxPages: number }} task base64 data, decoded here rather than on the gateway's thread
 * @returns {Promise<{ ok: true, pages: number, text: string } | { ok: false, reason: 'encrypted' | 'invalid' | 'too_many_pages', pages?: number, detail: string }>}
 */
export default async function readPdf(task) {
  const data = new Uint8Array(Buffer.from(task.data, 'base64'));
  // no eval (PDF.js compiles fonts with it otherwise), no fonts loaded or fetched: reading text needs neither
  const loading = getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  let doc;
  try {
    doc = await loading.promise;
  } catch (err) {
    await loading.destroy();
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: err instanceof Error && err.name === 'PasswordException' ? 'encrypted' : 'invalid', detail };
  }
  try {
    if (doc.numPages > task.maxPages) return { ok: false, reason: 'too_many_pages', pages: doc.numPages, detail: `${doc.numPages} pages` };
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      pages.push(text);
      page.cleanup();
    }
    return { ok: true, pages: doc.numPages, text: pages.join('\n\n') };
  } catch (err) {
    return { ok: false, reason: 'invalid', detail: err instanceof Error ? err.message : String(err) };
  } finally {
    await doc.destroy();
  }
}
