import { asClass } from 'awilix';
import { AddSsoHost } from '../application/sso-provider/add-sso-host.js';
import { BindVerifiedUser } from '../application/sso-provider/bind-verified-user.js';
import { ContinueAsCurrentUser } from '../application/sso-provider/continue-as-current-user.js';
import { IssueRequestToken } from '../application/sso-provider/issue-request-token.js';
import { ListSsoHosts } from '../application/sso-provider/list-sso-hosts.js';
import { LogInThroughSsoPage } from '../application/sso-provider/log-in-through-sso-page.js';
import { RedeemAuthToken } from '../application/sso-provider/redeem-auth-token.js';
import { RemoveSsoHost } from '../application/sso-provider/remove-sso-host.js';
import { ShowSsoLoginPage } from '../application/sso-provider/show-sso-login-page.js';
import type { Wiring } from './wiring.js';

/** The SSO provider: the handshake, its login page, and the client apps allowed to use it. */
export interface SsoProviderCradle {
  issueRequestToken: IssueRequestToken;
  showSsoLoginPage: ShowSsoLoginPage;
  logInThroughSsoPage: LogInThroughSsoPage;
  continueAsCurrentUser: ContinueAsCurrentUser;
  bindVerifiedUser: BindVerifiedUser;
  redeemAuthToken: RedeemAuthToken;
  addSsoHost: AddSsoHost;
  listSsoHosts: ListSsoHosts;
  removeSsoHost: RemoveSsoHost;
}

export function ssoProviderWiring(): Wiring<SsoProviderCradle> {
  return {
    issueRequestToken: asClass(IssueRequestToken).singleton(),
    showSsoLoginPage: asClass(ShowSsoLoginPage).singleton(),
    logInThroughSsoPage: asClass(LogInThroughSsoPage).singleton(),
    continueAsCurrentUser: asClass(ContinueAsCurrentUser).singleton(),
    bindVerifiedUser: asClass(BindVerifiedUser).singleton(),
    redeemAuthToken: asClass(RedeemAuthToken).singleton(),
    addSsoHost: asClass(AddSsoHost).singleton(),
    listSsoHosts: asClass(ListSsoHosts).singleton(),
    removeSsoHost: asClass(RemoveSsoHost).singleton(),
  };
}
