/** The text of `signet --help`. */
export const helpText = `Signet's command line: manage API keys and entry points, and sign requests.

usage: signet <command> [options]
       npm run --silent signet -- <command> [options]

API keys and entry points, on the store the environment names (STORE, MONGO_URL, ...):
  key create [--user USER] [--api NAME]... [--note TEXT]
                          create an API key, allowed on the named entry points and acting as
                          USER; prints the API key and its SEC key, which is shown this once
  key list                list the API keys (never their SEC keys)
  key entrypoints         list the known entry points
  key allow KEY NAME      allow a key one more entry point, such as 'GET /api/hello/'
  key revoke KEY          stop a key from verifying any request
  key rotate KEY          give a key a new SEC key, shown this once; the previous one keeps
                          working for API_KEY_ROTATION_GRACE seconds (default 86400)
  reload-entrypoints      make the stored entry points those the routes declare, printing
                          ADD:, UPDATE/KEEP: and REMOVE: lines; keys lose removed ones

SSO client apps (dj-sso-client and others), on the same store:
  sso add-host HOST [--note TEXT]
                          let the app on HOST (host[:port], such as localhost:8000) log users in:
                          prints a new API key allowed exactly the SSO APIs, and its SEC key,
                          which is shown this once
  sso list                list the SSO hosts and their API keys (never their SEC keys)
  sso remove HOST         revoke the host's key: its signed calls and login pages are refused at
                          once; it stays listed as removed, and the host can be added again

Signing, for curl (no store needed; docs/signing.md has the details):
  sign URL [--data BODY]  print URL signed with protocol v1:
                            curl "$(npm run --silent signet -- sign http://localhost:3000/api/hello/)"
  sign --v2 METHOD URL [--data BODY]
                          print the protocol v2 headers as "Name: value" lines, for curl -H;
                          each carries a fresh nonce, so use them once
  --key KEY --secret SEC  the key pair to sign with; SIGNET_API_KEY and SIGNET_SEC_KEY do the
                          same without showing the SEC key to other users of the machine;
                          outside production the demo key is the default
  --data BODY             the raw body the request will carry (send it with curl --data-raw)

Stores:
  STORE=memory (the default) lives in one process: each command starts from the data the server
  starts from (the demo key, the declared entry points) and forgets its changes when it ends, so
  key commands there are only for trying the command line out.
  STORE=mongo (with MONGO_URL and SIGNET_MASTER_KEY) persists keys for the servers to use.

Exit status: 0 done; 1 refused (an unknown key or entry point, a revoked key) or failed;
2 bad arguments or configuration.
`;

/** The line printed after a usage mistake. */
export const usageLine = 'usage: signet <key|reload-entrypoints|sso|sign|help|--version> ... (signet --help tells more)';
