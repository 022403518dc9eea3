// Where numbers start, found in one scan shared by the digit-driven detectors (address, phone, card, SSN, IPv4,
// wallets): each then runs its own regex sticky at those positions instead of scanning the whole text again. Prose
// has few numbers, so this saves a full scan per detector; text dense with numbers (logs, code) falls back.
const START = /(?<![A-Za-z0-9_])[0-9+(]/g;

let lastText: string | null = null;
let lastStarts: number[] | null = null;

/** Positions of a digit, '+' or '(' not preceded by a word character, or null when there are so many that each
 * detector's own global scan is cheaper. */
function numberStarts(text: string): number[] | null {
  if (text === lastText) return lastStarts;
  const limit = (text.length >> 7) + 16;
  let at: number[] | null = [];
  START.lastIndex = 0;
  for (let m = START.exec(text); m; m = START.exec(text)) {
    if (at.length >= limit) {
      at = null;
      break;
    }
    at.push(m.index);
  }
  lastText = text;
  lastStarts = at;
  return at;
}

const STICKY = new WeakMap<RegExp, RegExp>();

/**
 * Every match of `re` (global, never empty, and every match starting at a digit, '+' or '(' that follows no word
 * character: the regex must say so itself, with a look-behind), in the order and with the overlaps a global scan
 * gives.
 */
export function eachNumberMatch(text: string, re: RegExp, found: (m: RegExpExecArray) => void): void {
  const starts = numberStarts(text);
  if (starts === null) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) found(m);
    return;
  }
  let sticky = STICKY.get(re);
  if (!sticky) {
    sticky = new RegExp(re.source, `${re.flags.replace('g', '')}y`);
    STICKY.set(re, sticky);
  }
  let resume = 0;
  for (const p of starts) {
    if (p < resume) continue;
    sticky.lastIndex = p;
    const m = sticky.exec(text);
    if (!m) continue;
    found(m);
    resume = p + Math.max(1, m[0].length);
  }
}
