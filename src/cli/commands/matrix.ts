/**
 * `cdk8s-netpol matrix PATH... [--port P]... [--protocol ...] [--namespace NS]... [--output text|json|csv|md]`:
 * workload-by-workload connectivity, rendered by the library.
 *
 * @module
 */
import { checkNamespacesJudged } from './flow-options';
import { ConnectivityMatrix } from '../../analysis/matrix';
import { ProgressStream } from '../../analysis/progress';
import { Port } from '../../ports';
import { Protocol } from '../../protocol';
import type { MatrixFormat } from '../../render/matrix-view';
import { checkPortNumber } from '../../validation/syntax';
import { outputFormat, protocolOption, requirePaths, sizeOption, stringOption, stringsOption } from '../args';
import { safeText, UsageError } from '../cli-error';
import { CliIo, ExitCode } from '../cli-io';
import { Command, EXPOSURE_OPTION, INPUT_OPTION, OUTPUT_OPTION } from '../command';
import { loadInput } from '../model-input';
import { MATRIX_USAGE } from '../usage';

/** Every port of a protocol: `--protocol` without `--port`. */
const ALL_PORTS: Record<Protocol, () => Port> = { TCP: Port.allTcp, UDP: Port.allUdp, SCTP: Port.allSctp };

/** How much output (in characters) is gathered before it is written. */
const WRITE_SIZE = 64 * 1024;

/** The library's rendering for each `--output` value. */
const RENDERINGS: Record<'text' | 'json' | 'csv' | 'md', MatrixFormat> = { text: 'text', json: 'json', csv: 'csv', md: 'markdown' };

export const matrixCommand: Command = {
  name: 'matrix',
  usage: MATRIX_USAGE,
  options: {
    ...OUTPUT_OPTION,
    ...INPUT_OPTION,
    ...EXPOSURE_OPTION,
    port: { type: 'string', multiple: true },
    protocol: { type: 'string' },
    namespace: { type: 'string', short: 'n', multiple: true },
  },
  execute({ values, positionals }, io) {
    const format = outputFormat(values, ['text', 'json', 'csv', 'md'] as const, MATRIX_USAGE);
    // Without --port the protocol narrows the ports judged to that protocol's; with it, TCP is the default.
    const protocol = stringOption(values, 'protocol') === undefined ? undefined : protocolOption(values, MATRIX_USAGE);
    const ports = stringsOption(values, 'port').map((text) => {
      const port = /^[0-9]+$/.test(text) ? Number(text) : NaN;
      const reason = checkPortNumber(port);
      if (reason !== undefined) throw new UsageError(`--port ${JSON.stringify(text)} ${reason}`, MATRIX_USAGE);
      return Port.number(protocol ?? Protocol.TCP, port);
    });
    if (ports.length === 0 && protocol !== undefined) ports.push(ALL_PORTS[protocol]());
    const namespaces = stringsOption(values, 'namespace');
    const paths = requirePaths(positionals, MATRIX_USAGE);

    const maxFileBytes = sizeOption(values, 'max-file-size', MATRIX_USAGE);
    const { connectivity, notes } = loadInput(paths, io, { maxFileBytes, exposure: values.exposure === true });
    checkNamespacesJudged(namespaces.length > 0 ? namespaces : undefined, [connectivity._evaluator]);
    const matrix = ConnectivityMatrix._compute(connectivity._evaluator, {
      ports: ports.length > 0 ? ports : undefined,
      namespaces: namespaces.length > 0 ? namespaces : undefined,
    }, progressStream(io));
    // Whole-cluster matrices render to hundreds of megabytes, more than one string may hold: the
    // rendering is written as it is produced. Everything that can fail (usage, input, the matrix
    // itself) has failed by now, so a run never stops with half its output written.
    if (notes) io.stderr.write(safeText(notes));
    // Chunks are lines: written some 64 KiB at a time, not a system call per line.
    let pending: string[] = [];
    let size = 0;
    for (const chunk of matrix._chunks(RENDERINGS[format])) {
      pending.push(chunk);
      size += chunk.length;
      if (size < WRITE_SIZE) continue;
      io.stdout.write(pending.join(''));
      pending = [];
      size = 0;
      // A reader that went away (`| head`) wants no more: rendering the rest would be wasted.
      if (io.stdout.closed) break;
    }
    if (size > 0 && !io.stdout.closed) io.stdout.write(pending.join(''));
    return { exitCode: ExitCode.OK, stdout: '' };
  },
};

/** Progress goes to this run's stderr (the library shows it only on a terminal). */
function progressStream(io: CliIo): ProgressStream {
  const stderr = io.stderr as { isTTY?: boolean };
  return { isTTY: stderr.isTTY === true, write: (text) => { io.stderr.write(text); return true; } };
}
