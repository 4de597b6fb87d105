import { configSchema, conflicts, requirements, toConfig, type Config } from './config.schema.js';

/** Variables whose values are never repeated in an error message. */
const SECRETS = new Set(['SIGNET_MASTER_KEY', 'SESSION_SECRET', 'SSO_SEC_KEY', 'SIGNET_ADMIN_SECRET']);

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
      problems.push(`${name}${given === undefined ? '' : `=${JSON.stringify(given)}`}: ${describe(issue)}`);
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

/** Whether the environment asks for production, read on its own: for commands that need nothing else. */
export function isProductionEnvironment(env: Environment = process.env): boolean {
  return env.NODE_ENV === 'production';
}

function describe(issue: { code: string; message: string; values?: readonly unknown[] }): string {
  if (issue.code === 'invalid_value' && issue.values && issue.message.startsWith('Invalid')) {
    return `accepts ${issue.values.join(' or ')}`;
  }
  return issue.message;
}
