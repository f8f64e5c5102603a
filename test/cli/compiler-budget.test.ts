/**
 * The CLI sets V8's compiling flags when it runs a command (see src/cli/compiler-budget.ts): once per
 * process, never for --help, and a runtime that refuses a flag still runs the command.
 */
type SetFlags = jest.Mock<void, [string]>;

/** A fresh copy of the CLI whose `v8.setFlagsFromString` is `setFlags`. */
function cliWith(setFlags: SetFlags): typeof import('./helpers') {
  let helpers: typeof import('./helpers') | undefined;
  jest.isolateModules(() => {
    jest.doMock('v8', () => ({ ...jest.requireActual('v8'), setFlagsFromString: setFlags }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    helpers = require('./helpers');
  });
  jest.dontMock('v8');
  return helpers!;
}

test('a command sets the flags once per process; --help does not', () => {
  const setFlags: SetFlags = jest.fn();
  const { cli } = cliWith(setFlags);
  expect(cli(['--help']).code).toBe(0);
  expect(setFlags).not.toHaveBeenCalled();
  expect(cli(['validate', 'shop']).code).toBe(0);
  expect(cli(['validate', 'shop']).code).toBe(0);
  expect(setFlags.mock.calls).toEqual([['--max-inlined-bytecode-size-cumulative=300'], ['--no-use-osr']]);
});

test('a runtime that refuses the flags still runs the command', () => {
  const setFlags: SetFlags = jest.fn((_flag: string) => {
    throw new Error('unknown flag');
  });
  const { cli } = cliWith(setFlags);
  const result = cli(['validate', 'shop']);
  // Each flag is tried on its own: one refused does not keep the other from being set.
  expect(setFlags).toHaveBeenCalledTimes(2);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^valid: /);
});
