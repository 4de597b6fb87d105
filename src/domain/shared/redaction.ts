/**
 * What stands in for a secret in anything Signet writes down (logs, diagnostics). The names below
 * carry secrets in Signet's protocols and pages; they are matched case-insensitively and without
 * punctuation, so `X-Signet-Nonce`, `x_signet_nonce` and `xSignetNonce` are one name.
 */
export const REDACTED = '[redacted]';

const SECRET_NAMES = new Set(
  [
    'signature',
    'seckey',
    'secret_key',
    'secret',
    'password',
    'request_token',
    'auth_token',
    'cookie',
    'cookies',
    'set-cookie',
    'authorization',
    'x-signet-nonce',
    'nonce',
    '_csrf',
    'csrf_token',
    'session_id',
  ].map(normalized),
);

function normalized(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Answers for names already seen: a log line's field names are the same every time. Bounded. */
const known = new Map<string, boolean>();
const MAX_KNOWN = 1000;

/** True when a field or parameter of this name holds a secret. */
export function isSecretName(name: string): boolean {
  let secret = known.get(name);
  if (secret === undefined) {
    secret = SECRET_NAMES.has(normalized(name));
    if (known.size < MAX_KNOWN) known.set(name, secret);
  }
  return secret;
}

/**
 * `name=value` pairs whose value is a secret, wherever they sit in a text: a URL's query, an
 * Authorization header (`Signature=...`), a Cookie header (Signet's own cookies). The value ends at
 * the first character that ends a value in any of those.
 */
const SECRET_PAIRS =
  /((?:^|[?&;,\s])(?:signature|seckey|password|request_token|auth_token|_csrf|(?:__Host-)?signet_(?:session|csrf)(?:\.sig)?)=)[^&;,\s"'#]*/gi;

/** `text` with the value of every secret `name=value` pair in it replaced by REDACTED. */
export function redactText(text: string): string {
  return text.includes('=') ? text.replace(SECRET_PAIRS, `$1${REDACTED}`) : text;
}

/**
 * A copy of `value` fit for a log: the value of every field with a secret name replaced by
 * REDACTED, at any depth, and secret pairs inside strings redacted too. Cycles and depth beyond 8
 * are cut, since log fields are small by design.
 */
export function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= 8) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => redactFields(item, depth + 1));
  return redactRecord(value, depth);
}

/** redactFields for a record of fields, such as a log line's. */
export function redactRecord(record: object, depth = 0): Record<string, unknown> {
  // fromEntries defines own properties: a field named `__proto__` stays a field.
  return Object.fromEntries(
    Object.entries(record).map(([name, field]) => [name, isSecretName(name) ? REDACTED : redactFields(field, depth + 1)]),
  );
}

/**
 * A request target with the value of every secret query parameter replaced by REDACTED. Names are
 * read decoded, as a handler reads them, so `sig%6Eature=` is caught as well as `signature=`.
 */
export function redactTarget(target: string): string {
  const mark = target.indexOf('?');
  if (mark === -1) return target;
  const pieces = target
    .slice(mark + 1)
    .split('&')
    .map((piece) => {
      const equals = piece.indexOf('=');
      const name = equals === -1 ? piece : piece.slice(0, equals);
      return isSecretName(decodedName(name)) ? `${name}=${REDACTED}` : redactText(piece);
    });
  return `${target.slice(0, mark)}?${pieces.join('&')}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
