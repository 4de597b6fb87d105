/** `word` as a POSIX shell reads it back: as it is when it holds nothing the shell treats specially, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
