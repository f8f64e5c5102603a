/**
 * The shape of a command: its name, help text, flags, and what it does with parsed arguments.
 *
 * @module
 */
import { OptionSpecs, ParsedArgs } from './args';
import { CliIo, CommandResult } from './cli-io';

export interface Command {
  readonly name: string;
  /** The `--help` text. */
  readonly usage: string;
  /** The flags, for `util.parseArgs` (`--help` is added for every command). */
  readonly options: OptionSpecs;
  /**
   * Computes the whole result before anything is written; throws `InputError` or `UsageError` for exit
   * code 2. Output is returned as text, except a large rendering that is streamed after the computation.
   */
  execute(args: ParsedArgs, io: CliIo): CommandResult;
}

/** `-o/--output`, shared by every command. */
export const OUTPUT_OPTION: OptionSpecs = { output: { type: 'string', short: 'o' } };

/** `--max-file-size`, shared by every command that reads manifests. */
export const INPUT_OPTION: OptionSpecs = { 'max-file-size': { type: 'string' } };

/** `--exposure`, shared by the commands that judge connectivity. */
export const EXPOSURE_OPTION: OptionSpecs = { exposure: { type: 'boolean' } };
