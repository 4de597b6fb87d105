import type { Config } from './config/config.schema.js';

/** What an operator should hear at start about a configuration that runs but should not go live as it is. */
export function startWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.isProduction) {
    const fixes = [config.cache === 'memory' ? 'CACHE=redis' : null, config.store === 'memory' ? 'STORE=mongo' : null].filter(
      (fix): fix is string => fix !== null,
    );
    if (fixes.length > 0) {
      warnings.push(
        `MEMORY ADAPTERS IN PRODUCTION: state is lost on restart and not shared between instances; set ${fixes.join(' and ')}`,
      );
    }
  }
  if (config.isProduction && config.oidc.issuerIsDerived) {
    warnings.push(
      `PUBLIC_URL is not set: the OpenID issuer is derived from HOST and PORT (${config.oidc.issuer}); set it to the address clients use`,
    );
  }
  if (config.passkeys.unavailableBecause !== null) {
    warnings.push(
      `Passkeys are off: ${config.passkeys.unavailableBecause}; set PUBLIC_URL to the https address users reach Signet at, or PASSKEYS=false`,
    );
  }
  if (config.isProduction && config.mfa.required === 'none') {
    warnings.push('MFA_REQUIRED=none: staff log in with a password alone; MFA_REQUIRED=staff is recommended in production');
  }
  if (config.session.isDevelopmentSecret) {
    warnings.push('SESSION_SECRET is not set: session cookies are signed with the public development secret (demo only)');
  }
  return warnings;
}
