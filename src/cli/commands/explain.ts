/**
 * `cdk8s-netpol explain PATH... --from X --to Y --port P [--protocol ...] [--output text|json]`: the
 * library's explanation of one connection. Exit 0 whether allowed or denied: it answers a question.
 *
 * @module
 */
import { outputFormat, parsePortText, protocolOption, requiredOption, requirePaths, sizeOption } from '../args';
import { InputError } from '../cli-error';
import { ExitCode } from '../cli-io';
import { Command, EXPOSURE_OPTION, INPUT_OPTION, OUTPUT_OPTION } from '../command';
import { loadInput } from '../model-input';
import { explainQuery } from '../query';
import { EXPLAIN_USAGE } from '../usage';

export const explainCommand: Command = {
  name: 'explain',
  usage: EXPLAIN_USAGE,
  options: {
    ...OUTPUT_OPTION,
    ...INPUT_OPTION,
    ...EXPOSURE_OPTION,
    from: { type: 'string' },
    to: { type: 'string' },
    port: { type: 'string' },
    protocol: { type: 'string' },
  },
  execute({ values, positionals }, io) {
    const format = outputFormat(values, ['text', 'json'] as const, EXPLAIN_USAGE);
    const from = requiredOption(values, 'from', EXPLAIN_USAGE);
    const to = requiredOption(values, 'to', EXPLAIN_USAGE);
    const portText = requiredOption(values, 'port', EXPLAIN_USAGE);
    const protocol = protocolOption(values, EXPLAIN_USAGE);
    const paths = requirePaths(positionals, EXPLAIN_USAGE);
    const port = parsePortText(portText);
    if (typeof port === 'object') throw new InputError(port.error, { field: '--port' });

    const maxFileBytes = sizeOption(values, 'max-file-size', EXPLAIN_USAGE);
    const { connectivity, notes } = loadInput(paths, io, { maxFileBytes, exposure: values.exposure === true });
    const explanation = explainQuery(connectivity, { from, to, port, protocol }, {
      from: { field: '--from' }, to: { field: '--to' }, port: { field: '--port' },
    });
    // The command's JSON names the ends as its flags and `check` do: from and to.
    const { allowed, source, destination, ...rest } = explanation;
    const json = { allowed, from: source, to: destination, ...rest };
    const stdout = format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : `${explanation.reason}\n`;
    return { exitCode: ExitCode.OK, stdout, stderr: notes };
  },
};
