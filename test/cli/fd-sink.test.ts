import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FdSink, WriteSync } from '../../src/cli/cli-io';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: write`), { code });
}

/** A file descriptor that takes a few bytes at a time and is full (EAGAIN) every other call, like a piped stdout. */
function slowPipe(): { writeSync: WriteSync; received: () => string; calls: () => number } {
  const bytes: number[] = [];
  let calls = 0;
  const writeSync: WriteSync = (_fd, data, offset, length) => {
    calls++;
    if (calls % 2 === 0) throw errno('EAGAIN');
    const n = Math.min(length, 3);
    for (let i = 0; i < n; i++) bytes.push(data[offset + i]);
    return n;
  };
  return { writeSync, received: () => Buffer.from(bytes).toString('utf8'), calls: () => calls };
}

describe('FdSink: the CLI\'s synchronous stdout', () => {
  test('partial writes and a full pipe (EAGAIN) are retried until every byte is written, in order', () => {
    const pipe = slowPipe();
    const sink = new FdSink(1, pipe.writeSync);
    // Multi-byte characters may be split across partial writes; the bytes still arrive whole.
    expect(sink.write('from,to\n')).toBe(true);
    expect(sink.write('shop/api → shop/db, ünïcode\n')).toBe(true);
    expect(pipe.received()).toBe('from,to\nshop/api → shop/db, ünïcode\n');
    expect(pipe.calls()).toBeGreaterThan(20);
    expect(sink.closed).toBe(false);
  });

  test('a reader that went away (EPIPE) closes the sink quietly: nothing more is attempted', () => {
    let calls = 0;
    const sink = new FdSink(1, () => {
      calls++;
      throw errno('EPIPE');
    });
    expect(sink.write('a row\n')).toBe(false);
    expect(sink.closed).toBe(true);
    expect(sink.write('another row\n')).toBe(false);
    expect(calls).toBe(1);
  });

  test('other write errors are not swallowed', () => {
    const sink = new FdSink(1, () => {
      throw errno('ENOSPC');
    });
    expect(() => sink.write('x')).toThrow(/ENOSPC/);
    expect(sink.closed).toBe(false);
  });

  test('writes to a real file descriptor', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-sink-'));
    const file = path.join(dir, 'out.txt');
    const fd = fs.openSync(file, 'w');
    try {
      const sink = new FdSink(fd);
      sink.write('line 1\n');
      sink.write('x'.repeat(200_000));
      // Synchronous: the bytes are in the file as soon as write returns.
      expect(fs.readFileSync(file, 'utf8')).toBe(`line 1\n${'x'.repeat(200_000)}`);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
