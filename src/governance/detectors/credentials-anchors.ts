// What a vendor pattern promises about every string it matches, so a token run can be ruled out without running the
// alternation: a literal at a fixed offset from the start of the match ("sk-proj-" at 0, "Q~" at 4), or, for formats
// with no such literal, a stretch of [\w-] characters at least so long. Read from the pattern text itself, so a new
// rule needs nothing extra; syntax this reader does not know makes the rule "anything may match" (never a missed key).

/** A literal every match of a branch holds `offset` characters after its start. */
export interface Anchor {
  literal: string;
  offset: number;
  /** The match need not start at a word boundary (VendorRule.glued). */
  glued: boolean;
}

export interface PatternPromises {
  anchors: Anchor[];
  /** The shortest [\w-] stretch a match of any branch without an anchor holds; Infinity when every branch has one. */
  unanchoredStretch: number;
  /** The same over the branches without an anchor that hold no character outside [\w-] either (Discord, Telegram and
   * Facebook tokens have a '.', ':' or '|'): a run of [\w-] alone, such as a git hash, needs a stretch this long. */
  unanchoredPlainStretch: number;
}

interface Atom {
  chars: string; // the characters it may match, '' for "any character"
  min: number;
  max: number;
}
type Branch = Atom[];

const KEY_CHARS = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-');
const DIGITS = '0123456789';
const WORD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';
// A class this small becomes alternatives, so "gh[pousr]_" yields the anchors "ghp_", "gho_", ... not just "gh".
const EXPAND_CLASS = 5;
const MAX_BRANCHES = 256;

class Unsupported extends Error {}

export function promisesOf(rules: ReadonlyArray<{ pattern: string; glued?: boolean }>): PatternPromises {
  const anchors: Anchor[] = [];
  let unanchoredStretch = Infinity;
  let unanchoredPlainStretch = Infinity;
  for (const rule of rules) {
    let branches: Branch[];
    try {
      branches = parse(rule.pattern);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      unanchoredStretch = 0;
      unanchoredPlainStretch = 0;
      continue;
    }
    for (const branch of branches) {
      const anchor = anchorOf(branch);
      const glued = rule.glued === true;
      if (!anchor) {
        unanchoredStretch = Math.min(unanchoredStretch, stretchOf(branch));
        if (!holdsOther(branch)) unanchoredPlainStretch = Math.min(unanchoredPlainStretch, stretchOf(branch));
      } else if (!anchors.some((a) => a.literal === anchor.literal && a.offset === anchor.offset && a.glued === glued)) anchors.push({ ...anchor, glued });
    }
  }
  return { anchors, unanchoredStretch, unanchoredPlainStretch };
}

/** Whether every match of the branch holds a character outside [\w-]: an atom that must match and can match no other. */
function holdsOther(branch: Branch): boolean {
  return branch.some((atom) => atom.min >= 1 && atom.chars !== '' && [...atom.chars].every((c) => !KEY_CHARS.has(c)));
}

/** The first literal of two or more characters whose offset is the same in every match. */
function anchorOf(branch: Branch): { literal: string; offset: number } | null {
  let offset = 0;
  let literal = '';
  for (const atom of branch) {
    if (atom.chars.length === 1 && atom.min === atom.max) {
      literal += atom.chars.repeat(atom.min);
      continue;
    }
    if (literal.length >= 2) break;
    offset += literal.length;
    literal = '';
    if (atom.min !== atom.max) return null;
    offset += atom.min;
  }
  return literal.length >= 2 ? { literal, offset } : null;
}

/** A lower bound on the longest run of [\w-] characters in any match: an atom that may hold another character ends it. */
function stretchOf(branch: Branch): number {
  let best = 0;
  let run = 0;
  for (const atom of branch) {
    if (atom.chars !== '' && [...atom.chars].every((c) => KEY_CHARS.has(c))) run += atom.min;
    else run = 0;
    best = Math.max(best, run);
  }
  return best;
}

/** The pattern as the plain sequences of atoms it alternates between (groups and small classes multiplied out). */
function parse(pattern: string): Branch[] {
  const reader = new Reader(pattern);
  const branches = reader.alternation();
  if (!reader.done()) throw new Unsupported();
  return branches;
}

class Reader {
  private i = 0;
  constructor(private readonly pattern: string) {}

  done(): boolean {
    return this.i === this.pattern.length;
  }

  alternation(): Branch[] {
    const out: Branch[] = [];
    for (;;) {
      out.push(...this.sequence());
      if (this.pattern[this.i] !== '|') return out;
      this.i++;
    }
  }

  private sequence(): Branch[] {
    let branches: Branch[] = [[]];
    while (!this.done() && this.pattern[this.i] !== '|' && this.pattern[this.i] !== ')') {
      const item = this.unit();
      const [min, max] = this.quantifier();
      let options: Branch[];
      if (typeof item !== 'string') {
        if (max !== 1) throw new Unsupported();
        options = min === 0 ? [[], ...item] : item;
      } else if (min === 1 && max === 1 && item.length > 1 && item.length <= EXPAND_CLASS) {
        options = [...item].map((c) => [{ chars: c, min: 1, max: 1 }]);
      } else if (min === 0 && max === 1 && item.length === 1) {
        options = [[], [{ chars: item, min: 1, max: 1 }]];
      } else {
        options = [[{ chars: item, min, max }]];
      }
      branches = branches.flatMap((b) => options.map((o) => [...b, ...o]));
      if (branches.length > MAX_BRANCHES) throw new Unsupported();
    }
    return branches;
  }

  /** A group's branches, or an atom's characters. */
  private unit(): Branch[] | string {
    const c = this.pattern[this.i++];
    if (c === '(') {
      if (this.pattern.startsWith('?:', this.i)) this.i += 2;
      else if (this.pattern[this.i] === '?') throw new Unsupported(); // lookaround, named group
      const branches = this.alternation();
      if (this.pattern[this.i++] !== ')') throw new Unsupported();
      return branches;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') return escape(this.pattern[this.i++]);
    if (c === '.') return '';
    if (c === undefined || '^$*+?{}]'.includes(c)) throw new Unsupported();
    return c;
  }

  private charClass(): string {
    const p = this.pattern;
    if (p[this.i] === '^') throw new Unsupported();
    const set = new Set<string>();
    while (p[this.i] !== ']') {
      let c = p[this.i++];
      if (c === undefined) throw new Unsupported();
      if (c === '\\') {
        const chars = escape(p[this.i++]);
        if (chars.length !== 1) {
          for (const x of chars) set.add(x);
          continue;
        }
        c = chars;
      }
      const to = p[this.i + 1];
      if (p[this.i] === '-' && to !== undefined && to !== ']' && to !== '\\') {
        for (let k = c.charCodeAt(0); k <= to.charCodeAt(0); k++) set.add(String.fromCharCode(k));
        this.i += 2;
      } else set.add(c);
    }
    this.i++;
    return [...set].join('');
  }

  private quantifier(): [number, number] {
    const c = this.pattern[this.i];
    let q: [number, number];
    if (c === '?') q = [0, 1];
    else if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.i));
      if (!m) throw new Unsupported();
      const min = Number(m[1]);
      q = [min, m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity];
      this.i += m[0].length - 1;
    } else return [1, 1];
    this.i++;
    if (this.pattern[this.i] === '?') this.i++; // lazy: the same strings
    return q;
  }
}

function escape(c: string | undefined): string {
  if (c === 'd') return DIGITS;
  if (c === 'w') return WORD;
  if (c === undefined || /[A-Za-z0-9]/.test(c)) throw new Unsupported(); // \s, \b, \1, ...: not modelled
  return c;
}
