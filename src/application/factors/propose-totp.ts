import { z } from 'zod';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { TotpAlgorithm } from '../../domain/factors/totp.port.js';
import { TOTP_ISSUER } from '../../domain/factors/totp.js';
import { sha256Base64url } from '../../domain/shared/digest.js';
import { parseJsonOrUndefined } from '../../domain/shared/safe-json.js';

export interface ProposeTotpDeps {
  cache: Cache;
  totpAlgorithm: TotpAlgorithm;
}

/** How long a TOTP secret shown on the account page waits for its first code. */
export const TOTP_PROPOSAL_TTL_SECONDS = 10 * 60;

const proposalSchema = z.object({ username: z.string(), secret: z.string().min(1) });
export type TotpProposal = z.infer<typeof proposalSchema>;

/** Where the secret shown to one session waits: under the session's key, so that only that browser can confirm it. */
export function totpProposalKey(sessionKey: string): string {
  return `totp-proposal:${sha256Base64url(sessionKey)}`;
}

export function parseTotpProposal(stored: string | null, username: string): TotpProposal | null {
  if (stored === null) return null;
  const parsed = proposalSchema.safeParse(parseJsonOrUndefined(stored));
  return parsed.success && parsed.data.username === username ? parsed.data : null;
}

/**
 * A TOTP secret for the user to add to their app, from the account page: kept in the Cache for the
 * session that asked (the same one again while it waits, so a reload shows the same QR code).
 */
export class ProposeTotp {
  constructor(private readonly deps: ProposeTotpDeps) {}

  async execute(username: string, sessionKey: string): Promise<{ secret: string; uri: string }> {
    const { cache, totpAlgorithm } = this.deps;
    const key = totpProposalKey(sessionKey);
    const secret = parseTotpProposal(await cache.get(key), username)?.secret ?? totpAlgorithm.newSecret();
    await cache.set(key, JSON.stringify({ username, secret }), TOTP_PROPOSAL_TTL_SECONDS);
    return { secret, uri: totpAlgorithm.provisioningUri(secret, username, TOTP_ISSUER) };
  }
}
