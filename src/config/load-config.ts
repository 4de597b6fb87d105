import { configSchema, conflicts, requirements, toConfig, type Config } from './config.schema.js';
import {
  crossCheckSsoClient,
  optionVariables,
  readSsoClient,
  requiredSettings,
  ssoClientSchema,
  type SsoClientConfig,
  type SsoClientSettingOptions,
} from './sso-client.settings.js';

/** Variables whose values are never repeated in an error message. */
const SECRETS = new Set([
  'SIGNET_MASTER_KEY',
  'SESSION_SECRET',
  'SSO_SEC_KEY',
  'SSO_CLIENT_SECRET',
  'SSO_SESSION_SECRET',
  'SIGNET_ADMIN_SECRET',
]);

/** Raised when the environment does not describe a valid configuration; lists every bad key at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The only reader of process.env. A variable Signet reads that is set but empty is refused rather than
 * read as unset, since `PORT=` more likely means a mistake than a wish for the default.
 */
export function loadConfig(env: Environment = process.env): Config {
  const present: Record<string, string> = {};
  const problems: string[] = [];
  const known = new Set(Object.keys(configSchema.shape));
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (value === '' && known.has(name)) problems.push(`${name}: is empty (unset it to use the default)`);
    else if (value !== '') present[name] = value;
  }
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path.join('.') || 'environment';
      const given = typeof issue.path[0] === 'string' && !SECRETS.has(name) ? present[issue.path[0]] : undefined;
      problems.push(`${name}${given === undefined ? '' : `=${JSON.stringify(withoutUserinfo(given))}`}: ${describe(issue)}`);
    }
  }
  // One line per missing variable, however many rules ask for it: the first rule that applies says why.
  const missing = new Set<string>();
  for (const requirement of requirements) {
    if (requirement.when(present) && present[requirement.name] === undefined && !missing.has(requirement.name)) {
      missing.add(requirement.name);
      problems.push(`${requirement.name}: ${requirement.message}`);
    }
  }
  // Conflicts are judged on what parsed: the variables already reported as bad are left out.
  const bad = new Set(parsed.error?.issues.map((issue) => String(issue.path[0])) ?? []);
  const judged = parsed.success
    ? parsed
    : configSchema.safeParse(Object.fromEntries(Object.entries(present).filter(([name]) => !bad.has(name))));
  if (judged.success) {
    for (const conflict of conflicts) if (conflict.when(judged.data)) problems.push(`${conflict.name}: ${conflict.message}`);
  }
  if (present.SIGNET_DEMO !== undefined && present.NODE_ENV === 'production' && parsed.data?.SIGNET_DEMO === true) {
    problems.push('SIGNET_DEMO: cannot be on when NODE_ENV=production (the demo keys and passwords are published)');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

/**
 * An SSO client app's settings (`ssoClient()`): each option given, else its SSO_* variable. Every
 * problem is reported at once, each named by its variable and its option; a secret is never repeated.
 */
export function loadSsoClientConfig(options: SsoClientSettingOptions = {}, env: Environment = process.env): SsoClientConfig {
  const present: Record<string, unknown> = {};
  const problems: string[] = [];
  const labels = new Map<string, string>();
  for (const [option, variable] of Object.entries(optionVariables)) {
    labels.set(variable, `${variable} (option ${option})`);
    const given: unknown = Reflect.get(options, option);
    const value = env[variable];
    if (given !== undefined) present[variable] = given;
    else if (value === '') problems.push(`${variable}: is empty (unset it to use the default)`);
    else if (value !== undefined) present[variable] = value;
  }
  if (env.NODE_ENV !== undefined && env.NODE_ENV !== '') present.NODE_ENV = env.NODE_ENV;
  const parsed = ssoClientSchema.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? 'environment');
      if (env[variable] === '' && !Object.hasOwn(present, variable)) continue;
      const given = present[variable];
      const shown = given === undefined || SECRETS.has(variable) ? '' : `=${JSON.stringify(given)}`;
      const message = given === undefined ? 'is required' : describe(issue);
      problems.push(`${labels.get(variable) ?? variable}${shown}: ${message}`);
    }
  }
  // What a protocol requires is judged apart from the schema, so that every missing one is named at once.
  const protocol = parsed.data?.SSO_PROTOCOL ?? (present.SSO_PROTOCOL === 'oidc' ? 'oidc' : 'v1');
  for (const variable of requiredSettings(protocol)) {
    const reported = parsed.error?.issues.some((issue) => issue.path[0] === variable) ?? false;
    if (!reported && present[variable] === undefined && env[variable] !== '') {
      problems.push(`${labels.get(variable) ?? variable}: is required`);
    }
  }
  const config = parsed.success ? readSsoClient(parsed.data) : null;
  if (config) problems.push(...crossCheckSsoClient(config));
  if (!config || problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Whether the environment asks for production, read on its own: for commands that need nothing else. */
export function isProductionEnvironment(env: Environment = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** A value with anything before an `@` that could be userinfo blanked out: a malformed URL may still hold a password. */
function withoutUserinfo(value: string): string {
  const at = value.lastIndexOf('@');
  if (at === -1) return value;
  const scheme = /^[a-z][a-z0-9+.-]*:\/*/i.exec(value)?.[0] ?? '';
  return `${scheme}***${value.slice(at)}`;
}

function describe(issue: { code: string; message: string; values?: readonly unknown[] }): string {
  if (issue.code === 'invalid_value' && issue.values && issue.message.startsWith('Invalid')) {
    return `accepts ${issue.values.join(' or ')}`;
  }
  return issue.message;
}
