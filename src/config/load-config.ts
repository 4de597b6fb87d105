import { configSchema, requirements, toConfig, type Config } from './config.schema.js';

/** Variables whose values are never repeated in an error message. */
const SECRETS = new Set(['SIGNET_MASTER_KEY', 'SESSION_SECRET']);

/** Raised when the environment does not describe a valid configuration; lists every bad key at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** The only reader of process.env. Empty variables count as unset. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') present[name] = value;
  }
  const parsed = configSchema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || 'environment';
        const given = typeof issue.path[0] === 'string' && !SECRETS.has(name) ? present[issue.path[0]] : undefined;
        return `${name}${given === undefined ? '' : `=${JSON.stringify(given)}`}: ${describe(issue)}`;
      });
  for (const requirement of requirements) {
    if (requirement.when(present) && present[requirement.name] === undefined) {
      problems.push(`${requirement.name}: ${requirement.message}`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

function describe(issue: { code: string; message: string; values?: readonly unknown[] }): string {
  if (issue.code === 'invalid_value' && issue.values && issue.message.startsWith('Invalid'))
    return `accepts ${issue.values.join(' or ')}`;
  return issue.message;
}
