/** The text of `signet --help`. */
export const helpText = `Signet's command line: manage API keys, entry points, SSO hosts and users, read the audit
log and the MongoDB reader's policy, and sign requests.

usage: signet [--server URL] <command> [options]
       npm run --silent signet -- [--server URL] <command> [options]

Where the commands act:
  (default)               on the store the environment names (STORE, MONGO_URL, ...); changes are
                          recorded in the audit log as made on the command line by this OS user
  --server URL            on a running Signet, through its admin API (SIGNET_URL does the same),
                          with the admin key in SIGNET_ADMIN_KEY and SIGNET_ADMIN_SECRET (outside
                          production, the demo admin key when neither is set); the output is the same

API keys and entry points:
  key create [--user USER] [--api NAME]... [--note TEXT] [--expires WHEN] [--rate-limit N]
                          create an API key, allowed on the named entry points and acting as
                          USER; prints the API key and its SEC key, which is shown this once.
                          WHEN is a date (2027-01-31) or an ISO time (2027-01-31T12:00:00Z);
                          N is requests a minute
  key list [--api NAME]   list the API keys (never their SEC keys), or those allowed on NAME;
                          50 a page (--limit N), --search TEXT, the next page with --after CURSOR
  key show KEY            show one key: state, user, entry points, last use, expiry, rate limit
  key update KEY [--note TEXT] [--user USER | --no-user] [--api NAME... | --no-api]
                 [--expires WHEN|never] [--rate-limit N|none]
                          change a key; --api gives the whole set of its entry points
  key entrypoints         list the known entry points
  key allow KEY NAME      allow a key one more entry point, such as 'GET /api/hello/'
  key disable KEY         refuse a key's requests (API key disabled) until it is enabled again
  key enable KEY          let a disabled key work again
  key revoke KEY          stop a key from verifying any request, for good
  key rotate KEY [--grace DURATION]
                          give a key a new SEC key, shown this once; the previous one keeps
                          working for DURATION (1m to 24h, such as 15m or 2h), or for
                          API_KEY_ROTATION_GRACE seconds (default 86400)
  reload-entrypoints      make the stored entry points those the routes declare, printing
                          ADD:, UPDATE/KEEP: and REMOVE: lines; keys lose removed ones

SSO client apps (dj-sso-client and others):
  sso add-host HOST [--note TEXT]
                          let the app on HOST (host[:port], such as localhost:8000) log users in:
                          prints a new API key allowed exactly the SSO APIs, and its SEC key,
                          which is shown this once
  sso list                list the SSO hosts and their API keys (never their SEC keys)
  sso remove HOST         revoke the host's key: its signed calls and login pages are refused at
                          once; it stays listed as removed, and the host can be added again

OpenID Connect clients and signing keys:
  oidc client create --redirect-uri URI... [--client-id ID] [--name NAME] [--post-logout-uri URI]...
                     [--scope SCOPE]... [--first-party] [--public] [--id-token-alg ES256|RS256]
                          register an application; prints its client id and (unless --public) its
                          client secret, which is shown this once
  oidc client list [--search TEXT] [--limit N] [--after CURSOR]
                          list the clients (never their secrets)
  oidc client show ID     one client's settings
  oidc client update ID [--name NAME] [--redirect-uri URI]... [--post-logout-uri URI]...
                        [--no-post-logout-uris] [--scope SCOPE]... [--first-party | --third-party]
                        [--id-token-alg ES256|RS256]
                          change a client; each list given replaces the whole list
  oidc client rotate-secret ID
                          give a confidential client a new secret, shown this once
  oidc client disable ID | enable ID | remove ID
                          refuse a client everywhere (or accept it again), or remove it
  oidc keys               the published signing keys: which signs, which waits, which retires
  oidc rotate-keys [--activation-delay SECONDS]
                          publish new signing keys (ES256 and RS256), signing after
                          OIDC_KEY_ACTIVATION_DELAY (or SECONDS; 0 at once); the old ones stay
                          published until every token they signed has expired

Users:
  user list               list the users, with their staff and active flags
  user create USERNAME [--email EMAIL] [--first-name NAME] [--last-name NAME] [--staff]
                       [--superuser] [--inactive]
                          create a user; the password comes from SIGNET_PASSWORD (or --password)
  user set-password USERNAME
                          set a user's password, from SIGNET_PASSWORD (or --password)
  user set-flags USERNAME [--staff | --no-staff] [--active | --no-active]
                          let a user use the admin (staff), or log in at all (active)
  user reset-factors USERNAME
                          for a user who lost their second factors: remove them, their passkeys
                          and recovery codes, and end their sessions (over --server, a superuser's
                          admin key)

The migration meter (apps moving from dj-sso to OpenID Connect):
  app list [--search TEXT] [--limit N] [--after CURSOR]
                          each app (host) with its logins by protocol over the last 30 days and
                          its stage: dj-sso only, both, oidc only or no logins
  app show HOST           one app: its SSO keys and OpenID clients, its logins day by day, and
                          the users still arriving through dj-sso

The audit log:
  audit list [--actor WHO] [--action WHAT] [--target ON] [--via CHANNEL] [--since WHEN]
             [--until WHEN] [--limit N] [--before ID]
                          the changes, newest first: who, when, through what, from where, what
  audit failures [--key KEY|(unknown)] [--reason CODE] [--since WHEN] [--until WHEN]
                          refused signed requests, summed per key and reason

The MongoDB reader:
  reader policy           the permission policy in force: where it came from, each rule in order,
                          the module, the limits
  reader try DATABASE COLLECTION (--user USER | --no-user) [--command COMMAND] [--criteria JSON]
                          what the reader would answer USER (or an API key bound to no user) for
                          COMMAND (find, the default, count, status or export) with the criteria
                          (Extended JSON), and which rule, module or check decides; the query is
                          not run. Exit status 0 whatever the answer

Signing, for curl (no store needed; docs/signing.md has the details):
  sign URL [--data BODY]  print URL signed with protocol v1:
                            curl "$(npm run --silent signet -- sign http://localhost:3000/api/hello/)"
  sign --v2 METHOD URL [--data BODY]
                          print the protocol v2 headers as "Name: value" lines, for curl -H;
                          each carries a fresh nonce, so use them once
  sign --v2 --curl METHOD URL [--data BODY]
                          print instead the whole curl command that sends the request:
                            eval "$(npm run --silent signet -- sign --v2 --curl GET URL)"
  --key KEY --secret SEC  the key pair to sign with; SIGNET_API_KEY and SIGNET_SEC_KEY do the
                          same without showing the SEC key to other users of the machine;
                          outside production the demo key is the default
  --data BODY             the raw body the request will carry (send it with curl --data-raw)
  --explain               also print, on stderr, what was signed, as the server computes it

Stores:
  STORE=memory (the default) lives in one process: each command starts from the data the server
  starts from (the demo keys, the declared entry points) and forgets its changes when it ends.
  When a Signet answers on PORT (npm start), a command acts on it instead, through its admin API
  with SIGNET_ADMIN_KEY and SIGNET_ADMIN_SECRET (outside production, the demo admin key), or
  refuses and prints the --server line to use; it never changes a copy that vanishes.
  STORE=mongo (with MONGO_URL and SIGNET_MASTER_KEY) persists keys for the servers to use.

Exit status: 0 done; 1 refused (an unknown key or entry point, a revoked key, a refusal of the
admin API) or failed; 2 bad arguments or configuration.
`;

/** The line printed after a usage mistake. */
export const usageLine =
  'usage: signet [--server URL] <key|reload-entrypoints|sso|oidc|user|app|audit|reader|sign|help|--version> ... (signet --help tells more)';
