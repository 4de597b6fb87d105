import type { SigningKeyState } from '../../domain/oidc/signing-key.js';
import type { PrepareSigningKeys } from './prepare-signing-keys.js';

export interface ListSigningKeysDeps {
  prepareSigningKeys: Pick<PrepareSigningKeys, 'execute'>;
}

/** What may be shown of a signing key: never its private part. Times are ms since the epoch. */
export interface SigningKeyView {
  kid: string;
  alg: string;
  createdAt: number;
  activatesAt: number;
  state: SigningKeyState;
  /** When a key no longer signing leaves the JWKS; null while it signs or waits to. */
  dropsAt: number | null;
}

/** The published signing keys, the one signing for each algorithm first. */
export class ListSigningKeys {
  constructor(private readonly deps: ListSigningKeysDeps) {}

  async execute(): Promise<SigningKeyView[]> {
    const plan = await this.deps.prepareSigningKeys.execute();
    return plan.published.map(({ key, state, dropsAt }) => ({
      kid: key.kid,
      alg: key.alg,
      createdAt: key.createdAt,
      activatesAt: key.activatesAt,
      state,
      dropsAt,
    }));
  }
}
