import { Secret, TOTP } from 'otpauth';
import type { TotpAlgorithm } from '../../domain/factors/totp.port.js';

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: an authenticator app's clock a little off still works. */
const WINDOW = 1;

function totpFor(secret: string, account = '', issuer = ''): TOTP {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    label: account,
    issuer,
  });
}

/** RFC 6238 through the otpauth library. */
export class OtpauthTotpAlgorithm implements TotpAlgorithm {
  newSecret(): string {
    return new Secret({ size: 20 }).base32;
  }

  provisioningUri(secret: string, account: string, issuer: string): string {
    return totpFor(secret, account, issuer).toString();
  }

  matchingStep(secret: string, code: string, now: number): number | null {
    const delta = totpFor(secret).validate({ token: code, timestamp: now, window: WINDOW });
    return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  }
}
