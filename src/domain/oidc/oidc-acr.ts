import { passedSecondFactor } from '../factors/mfa-policy.js';

/** The `acr` of a login with a password alone. */
export const ACR_PASSWORD = 'urn:signet:acr:pwd';
/** The `acr` of a login that passed a second factor too; an application asks for it with `acr_values`. */
export const ACR_SECOND_FACTOR = 'urn:signet:acr:mfa';
export const ACR_VALUES = [ACR_PASSWORD, ACR_SECOND_FACTOR] as const;

/** The `acr` of a login that passed these methods (RFC 8176 `amr`). */
export function acrFor(amr: readonly string[]): string {
  return passedSecondFactor(amr) ? ACR_SECOND_FACTOR : ACR_PASSWORD;
}

/** True when an authorization request's `acr_values` (space-separated, in order of preference) ask for a second factor. */
export function asksForSecondFactor(acrValues: unknown): boolean {
  return typeof acrValues === 'string' && acrValues.split(' ').includes(ACR_SECOND_FACTOR);
}
