// read: the text of every PDF a request carries, before inspect, so the detectors see what a document would take to
// a vendor. A PDF cannot be rewritten the way a string can, so text-slots.ts inspects this text but never changes it:
// a finding the policy would redact or pseudonymize blocks the PDF instead. What cannot be read is not sent.
import type { ChatRequest, DocumentPart } from '../core/canonical.ts';
import { AirlockError } from '../core/errors.ts';
import type { PdfReader, PdfText } from '../governance/pdf/reader.ts';
import { documentsOf } from '../governance/text-slots.ts';

function nameOf(doc: DocumentPart, i: number): string {
  const name = doc.filename ?? doc.title;
  return name === undefined ? `PDF document ${i + 1}` : `PDF document ${i + 1} ('${name.slice(0, 100)}')`;
}

function refusal(doc: DocumentPart, i: number, read: Exclude<PdfText, { ok: true }>, maxPages: number): AirlockError {
  const what = nameOf(doc, i);
  switch (read.reason) {
    case 'encrypted':
      return new AirlockError('unsupported_parameter', `${what} is password-protected: Airlock cannot inspect it, so it does not send it`, { param: 'messages' });
    case 'too_many_pages':
      return new AirlockError('unsupported_parameter', `${what} has ${read.pages ?? 'too many'} pages; Airlock reads PDFs of up to ${maxPages} pages`, { param: 'messages' });
    case 'timeout':
    case 'too_large':
    case 'failed':
      return new AirlockError('invalid_request', `${what} could not be read for inspection: ${read.detail}`, { param: 'messages' });
    case 'invalid':
      return new AirlockError('invalid_request', `${what} is not a readable PDF (${read.detail.slice(0, 200)})`, { param: 'messages' });
  }
}

/**
 * Reads every PDF of the request into its part's `text` and `pages`; refuses the request when one cannot be read.
 * Null when there is none: most requests carry no PDF, and they pay no promise for this stage.
 */
export function readDocuments(req: ChatRequest, reader: PdfReader): Promise<void> | null {
  const docs = documentsOf(req.messages);
  return docs.length === 0 ? null : readAll(docs, reader);
}

async function readAll(docs: DocumentPart[], reader: PdfReader): Promise<void> {
  const reads = await Promise.all(docs.map((d) => reader.read(d.data)));
  reads.forEach((read, i) => {
    const doc = docs[i] as DocumentPart;
    if (!read.ok) throw refusal(doc, i, read, reader.maxPages);
    // a scan without a text layer: its pages are pictures, which Airlock does not read
    if (read.text.trim() === '') throw new AirlockError('policy_blocked', `request blocked: ${nameOf(doc, i)} has no text Airlock can read (a scanned document?), and Airlock does not send what it cannot inspect`);
    doc.text = read.text;
    doc.pages = read.pages;
  });
}
