// Puts pseudonymized values back into the answer. Streams split anywhere, so a placeholder may arrive in
// pieces ("<PER" + "SON_1>"): each channel holds back only a tail that could still become a placeholder —
// at most the longest placeholder's length — and releases everything else at once.

/** JSON channels (tool-call arguments) get the value JSON-escaped, as it sits inside a JSON string. */
export type ChannelKind = 'text' | 'json';

const PREFIX = /^<[A-Z_0-9]*$/;

function escapeJson(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

export class Restorer {
  private readonly pending = new Map<string, string>();
  private readonly maxLen: number;
  private readonly pattern: RegExp;

  constructor(private readonly vault: ReadonlyMap<string, string>) {
    this.maxLen = Math.max(0, ...[...vault.keys()].map((k) => k.length));
    const alternatives = [...vault.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.pattern = new RegExp(alternatives.join('|'), 'g');
  }

  get active(): boolean {
    return this.vault.size > 0;
  }

  /** Whole text: every placeholder replaced. */
  restore(text: string, kind: ChannelKind): string {
    if (!this.active || !text.includes('<')) return text;
    return text.replace(this.pattern, (ph) => {
      const v = this.vault.get(ph) ?? ph;
      return kind === 'json' ? escapeJson(v) : v;
    });
  }

  /** The next piece of a stream channel: what can be released now, restored. */
  push(channel: string, kind: ChannelKind, delta: string): string {
    const text = (this.pending.get(channel) ?? '') + delta;
    const cut = this.holdFrom(text);
    this.pending.set(channel, text.slice(cut));
    return this.restore(text.slice(0, cut), kind);
  }

  /** End of a channel: whatever was held back, restored (a lone "<PER" is just text). */
  flush(channel: string, kind: ChannelKind): string {
    const rest = this.pending.get(channel) ?? '';
    this.pending.delete(channel);
    return this.restore(rest, kind);
  }

  channels(): string[] {
    return [...this.pending.keys()].filter((k) => (this.pending.get(k) ?? '') !== '');
  }

  /** Index where a possible unfinished placeholder starts, or text.length. */
  private holdFrom(text: string): number {
    const from = Math.max(0, text.length - this.maxLen + 1);
    const lt = text.indexOf('<', from);
    for (let i = lt; i !== -1; i = text.indexOf('<', i + 1)) {
      if (PREFIX.test(text.slice(i))) return i;
    }
    return text.length;
  }
}
