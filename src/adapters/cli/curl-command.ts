import { parseJsonOrUndefined } from '../../domain/shared/safe-json.js';
import { shellWord } from './shell-word.js';

/**
 * The curl command that sends a signed request as it was signed: the method, every signed header,
 * the body byte for byte (`--data-raw`, so that a leading `@` is no file name) and the URL, each
 * quoted for a POSIX shell. A body that is JSON is sent as `application/json`, as the admin API takes it.
 */
export function curlCommand(
  method: string,
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string | undefined,
): string {
  const words = ['curl', '-sS', '-X', method];
  for (const [name, value] of Object.entries(headers)) words.push('-H', `${name}: ${value}`);
  if (body !== undefined) {
    if (parseJsonOrUndefined(body) !== undefined) words.push('-H', 'Content-Type: application/json');
    words.push('--data-raw', body);
  }
  words.push(url);
  return words.map(shellWord).join(' ');
}
