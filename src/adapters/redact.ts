/** `message` with every occurrence of each secret blanked out: a driver may echo a URL's password. */
export function withoutSecrets(message: string, secrets: readonly string[]): string {
  let safe = message;
  for (const secret of secrets) if (secret !== '') safe = safe.split(secret).join('***');
  return safe;
}

/** An error's message (or its name), with the secrets blanked out; for logs and error messages. */
export function safeReason(error: unknown, secrets: readonly string[]): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return withoutSecrets(message, secrets);
}
