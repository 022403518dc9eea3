// `${VAR}` and `${VAR:-default}` substitution inside one scalar value. It runs on parsed YAML values, never on
// the raw text, so whatever a variable holds stays a single string and cannot add keys or structure.

export interface Interpolated {
  value: string;
  /** variables that were referenced without a default and are unset or empty */
  missing: { name: string; reason: 'not set' | 'empty' }[];
  /** a `${` that does not form a valid reference, so a typo is not sent to a vendor as a literal */
  malformed: string | null;
}

// `$${` escapes a literal `${`, as in docker compose. Names follow POSIX shell variables.
const REFERENCE = /\$\$\{|\$\{([^}\n]*)\}|\$\{/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function hasReference(text: string): boolean {
  return text.includes('${');
}

export function interpolate(text: string, env: NodeJS.ProcessEnv): Interpolated {
  const missing: Interpolated['missing'] = [];
  let malformed: string | null = null;
  const value = text.replace(REFERENCE, (whole: string, body: string | undefined) => {
    if (whole === '$${') return '${';
    if (body === undefined) {
      malformed ??= 'unterminated ${';
      return whole;
    }
    const sep = body.indexOf(':-');
    const name = sep === -1 ? body : body.slice(0, sep);
    if (!NAME.test(name)) {
      malformed ??= `invalid variable reference ${whole}`;
      return whole;
    }
    const current = env[name];
    // Shell semantics: `:-` applies to unset and empty alike. An empty value counts as missing because an
    // empty secret or URL is never what the operator meant.
    if (current !== undefined && current !== '') return current;
    if (sep !== -1) return body.slice(sep + 2);
    missing.push({ name, reason: current === undefined ? 'not set' : 'empty' });
    return whole;
  });
  return { value, missing, malformed };
}

export interface Shielded {
  text: string;
  /** puts the original `${…}` text back into a parsed scalar */
  restore(value: string): string;
}

// In a YAML flow map, `{ key: ${HELPDESK_KEY} }` would end at the reference's own `}`. So before parsing, each
// reference becomes an inert word (letters and digits only, valid in every YAML context and on the same line),
// and the parsed scalar gets the reference back before interpolation. Values still never enter the YAML text.
export function shieldReferences(text: string): Shielded {
  let nonce = 0;
  while (text.includes(`AirlockRef${nonce}x`)) nonce++;
  const tag = `AirlockRef${nonce}x`;
  const originals: string[] = [];
  const shielded = text.replace(/\$\$\{|\$\{[^}\n]*\}/g, (whole: string) => `${tag}${originals.push(whole) - 1}x`);
  const placeholder = new RegExp(`${tag}(\\d+)x`, 'g');
  return {
    text: shielded,
    restore: (value) => (value.includes(tag) ? value.replace(placeholder, (_w, n: string) => originals[Number(n)] ?? '') : value),
  };
}
