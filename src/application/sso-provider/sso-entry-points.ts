/**
 * The signed APIs of the SSO handshake, by entry point name: what a key made by `sso add-host` may
 * call, and nothing else. `reqeusttoken` is dj-sso-client's spelling, served as well.
 */
export const SSO_ENTRY_POINTS: readonly string[] = ['GET /sso/authtoken/', 'GET /sso/reqeusttoken/', 'GET /sso/requesttoken/'];
