// What `log_content: true` keeps of a request: its prompt and answer with every detected value replaced by its typed
// placeholder ([EMAIL], [SECRET] …), whatever the policy did with it — an allowed value is still a value, and the
// log outlives the request. The answer is redacted twice over: every value found in the prompt is replaced wherever
// it recurs (restore puts pseudonymized values back, and a model echoes what it was given), then the detectors run
// on what is left.
import { Pseudonyms, rawValue, redactLabel, replaceFindings } from './pseudonymize.ts';
import type { SlotKind } from './text-slots.ts';
import type { Detect, Finding } from './types.ts';

export class ContentCapture {
  /** the prompt's text slots, redacted, as a JSON array */
  readonly prompt: string;
  /** the answer's text as the caller got it (restored): never stored as it is, see redactedAnswer */
  answer = '';
  /** raw value → placeholder, longest value first so a value inside another is not replaced first */
  private readonly values: Array<[string, string]>;

  constructor(
    visit: (fn: (text: string, kind: SlotKind) => void) => void,
    findings: readonly Finding[][],
    private readonly detect: Detect,
  ) {
    const slots: string[] = [];
    const values = new Map<string, string>();
    let slot = 0;
    visit((text, kind) => {
      const found = findings[slot++] ?? [];
      for (const f of found) {
        const raw = rawValue(text.slice(f.start, f.end), kind);
        if (raw.length >= 3) values.set(raw, redactLabel(f.type));
      }
      slots.push(found.length === 0 ? text : replaceFindings(text, found, () => 'redact', new Pseudonyms(), kind).text);
    });
    this.prompt = JSON.stringify(slots);
    this.values = [...values].sort((a, b) => b[0].length - a[0].length);
  }

  redactedAnswer(): string {
    let text = this.answer;
    for (const [raw, label] of this.values) if (text.includes(raw)) text = text.split(raw).join(label);
    const found = this.detect(text);
    return found.length === 0 ? text : replaceFindings(text, found, () => 'redact', new Pseudonyms(), 'text').text;
  }
}
