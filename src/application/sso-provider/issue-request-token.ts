import type { SsoHandshake } from '../../domain/sso-provider/sso-handshake.js';

export interface IssueRequestTokenDeps {
  ssoHandshake: SsoHandshake;
}

/** Step 1 of the handshake: a client app, by a signed request, asks for a request token. */
export class IssueRequestToken {
  constructor(private readonly deps: IssueRequestTokenDeps) {}

  /** A new request token bound to `apiKey`, the key that signed the request. */
  async execute(apiKey: string): Promise<string> {
    return this.deps.ssoHandshake.issue(apiKey);
  }
}
