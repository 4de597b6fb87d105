import type { Cache } from '../../domain/backends/cache.port.js';
import { FactorError, factorErrors } from '../../domain/factors/factors.errors.js';
import { enrollTotp, type EnrolledTotp, type EnrollTotpDeps } from './enroll-totp.js';
import { parseTotpProposal, TOTP_PROPOSAL_TTL_SECONDS, totpProposalKey } from './propose-totp.js';

export type ConfirmTotpDeps = EnrollTotpDeps & { cache: Cache };

export interface TotpConfirmation {
  username: string;
  /** The session the secret was proposed to. */
  sessionKey: string;
  code: string;
  name: string;
}

/**
 * Saves the TOTP factor proposed to this session once its first code is typed (see enrollTotp). The
 * proposal is taken first, so that two confirmations at once add one factor; a wrong code puts it back.
 */
export class ConfirmTotp {
  constructor(private readonly deps: ConfirmTotpDeps) {}

  async execute(confirmation: TotpConfirmation): Promise<EnrolledTotp> {
    const { cache } = this.deps;
    const key = totpProposalKey(confirmation.sessionKey);
    const stored = await cache.take(key);
    const proposal = parseTotpProposal(stored, confirmation.username);
    if (proposal === null) throw factorErrors.noEnrollment();
    try {
      return await enrollTotp(this.deps, { ...confirmation, secret: proposal.secret });
    } catch (error) {
      if (error instanceof FactorError && stored !== null) await cache.set(key, stored, TOTP_PROPOSAL_TTL_SECONDS);
      throw error;
    }
  }
}
