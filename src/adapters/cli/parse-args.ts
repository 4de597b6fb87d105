import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends Options> = O & { help: { type: 'boolean'; short: 'h' } };
type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ options: WithHelp<O>; allowPositionals: true; strict: true }>
>['values'];

/** A command's arguments as node:util's parseArgs reads them. */
export interface CommandSpec<O extends Options> {
  /** `signet key allow KEY NAME`: the line shown on a mistake. */
  usage: string;
  options: O;
  /** How many positionals the command takes, at least and at most. */
  positionals: readonly [min: number, max: number];
  /** Options that may be given an empty value (`--note ''`); any other given empty is a mistake. */
  mayBeEmpty?: readonly (keyof O & string)[];
}

export interface ParsedCommand<O extends Options> {
  values: Values<O>;
  positionals: string[];
  /** True when `--help` was given: the other checks are skipped. */
  help: boolean;
}

/**
 * Parses `args` strictly: an unknown option, a missing or empty value, an option of one value given
 * twice or a wrong number of positionals is a UsageError carrying the command's usage line. Every command takes `--help`.
 */
export function parseCommand<O extends Options>(args: readonly string[], spec: CommandSpec<O>): ParsedCommand<O> {
  const options: WithHelp<O> = { ...spec.options, help: { type: 'boolean', short: 'h' } };
  let values: Values<O>;
  let positionals: string[];
  let given: string[];
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
    ({ values, positionals } = parsed);
    given = parsed.tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : []));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), spec.usage);
  }
  // parseArgs keeps the last of two values; `--user a --user b` is more likely a mistake than a choice.
  const twice = given.find((name, at) => given.indexOf(name) !== at && options[name]?.multiple !== true);
  if (twice !== undefined) throw new UsageError(`--${twice} is given more than once`, spec.usage);
  const help = (values as { help?: boolean }).help === true;
  for (const [name, value] of Object.entries(values)) {
    const empty = value === '' || (Array.isArray(value) && value.includes(''));
    if (empty && !spec.mayBeEmpty?.some((allowed) => allowed === name)) {
      throw new UsageError(`--${name} needs a value; an empty one would mean something else`, spec.usage);
    }
  }
  const [min, max] = spec.positionals;
  if (!help && (positionals.length < min || positionals.length > max)) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    throw new UsageError(`expected ${wanted} argument${max === 1 ? '' : 's'}, got ${positionals.length}`, spec.usage);
  }
  return { values, positionals, help };
}
