/**
 * Command-line parsing on Node's `util.parseArgs`, turning its errors into usage errors, and the
 * small readers for the values every command shares (output format, protocol, port).
 *
 * @module
 */
import { parseArgs, ParseArgsConfig } from 'util';
import { UsageError } from './cli-error';
import { Protocol } from '../protocol';
import { checkNamedPort, checkPortNumber, isProtocol } from '../validation/syntax';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface ParsedArgs {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

/** Parses a command's arguments strictly: an unknown flag or a missing value is a `UsageError`. */
export function parseCommandArgs(args: readonly string[], options: OptionSpecs, usage: string): ParsedArgs {
  try {
    const parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (e) {
    // parseArgs' message for an unknown flag goes on with a hint about positionals starting with '-': keep the first sentence.
    const message = (e as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), usage);
  }
}

/** A single-valued string option. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

const SIZE_UNITS: Record<string, number> = { '': 1, 'K': 1024, 'M': 1024 ** 2, 'G': 1024 ** 3 };

/**
 * `--max-file-size`: a number of bytes, or with `K`, `M` or `G` (`KiB`, `MB`, ... read alike, as powers
 * of 1024); undefined when not given.
 */
export function sizeOption(values: OptionValues, name: string, usage: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const match = /^([0-9]{1,15})\s*([KMG]?)(?:i?B)?$/i.exec(text.trim());
  const bytes = match ? Number(match[1]) * SIZE_UNITS[match[2].toUpperCase()] : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new UsageError(`--${name} ${JSON.stringify(text)} is not a size: give bytes, or a number with K, M or G (e.g. 64M)`, usage);
  }
  return bytes;
}

/** A string option that must be given. */
export function requiredOption(values: OptionValues, name: string, usage: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === '') throw new UsageError(`the option --${name} is required`, usage);
  return value;
}

/** A repeatable string option. */
export function stringsOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** At least one PATH. */
export function requirePaths(positionals: readonly string[], usage: string): readonly string[] {
  if (positionals.length === 0) throw new UsageError('give at least one PATH (a file or a folder of manifests)', usage);
  return positionals;
}

/** `--output`, one of the formats the command prints; the first is the default. */
export function outputFormat<T extends string>(values: OptionValues, formats: readonly T[], usage: string): T {
  const value = stringOption(values, 'output');
  if (value === undefined) return formats[0];
  const format = formats.find((f) => f === value.toLowerCase());
  if (format === undefined) throw new UsageError(`--output must be ${orList(formats)}, got '${value}'`, usage);
  return format;
}


/** A protocol name, in any case (`udp` is `UDP`); `undefined` when it is not TCP, UDP or SCTP. */
export function parseProtocol(text: string): Protocol | undefined {
  const upper = text.toUpperCase();
  return isProtocol(upper) ? upper : undefined;
}

/** `--protocol`, TCP when absent. */
export function protocolOption(values: OptionValues, usage: string): Protocol {
  const value = stringOption(values, 'protocol');
  if (value === undefined) return Protocol.TCP;
  const protocol = parseProtocol(value);
  if (protocol === undefined) throw new UsageError(`--protocol must be TCP, UDP or SCTP, got '${value}'`, usage);
  return protocol;
}

/**
 * A port as text (a flag value): a number from 1 to 65535, or a port name. Returns the reason when it
 * is neither, so that callers can place the message.
 */
export function parsePortText(text: string): number | string | { readonly error: string } {
  if (/^[0-9]+$/.test(text)) {
    const port = Number(text);
    const reason = checkPortNumber(port);
    return reason === undefined ? port : { error: `port ${text} ${reason}` };
  }
  const reason = checkNamedPort(text);
  return reason === undefined ? text : { error: `port ${JSON.stringify(text)} is neither a number nor a valid port name: a port name ${reason}` };
}

export function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
