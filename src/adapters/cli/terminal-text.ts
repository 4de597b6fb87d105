/**
 * Characters a terminal acts on rather than shows: C0 and C1 controls (a newline forges a line, ESC
 * starts a sequence that can rewrite the screen or the window's title), DEL, the Unicode line and
 * paragraph separators, and the bidirectional overrides that reorder what is read.
 */
const ACTIVE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Stored text as a terminal may print it: each active character written as its escape (`\n`, `\u001b`). */
export function printable(text: string): string {
  return text.replace(
    ACTIVE_CHARACTERS,
    (character) => NAMED[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
