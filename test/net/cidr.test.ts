import { cidrContainsCidr, cidrContainsIp, formatIp, parseCidr, parseIp, ParsedCidr } from '../../src/net/cidr';

function cidr(text: string): ParsedCidr {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') {
    throw new Error(`test setup: ${text} did not parse: ${parsed}`);
  }
  return parsed;
}

describe('parseIp accepts', () => {
  test.each<[string, 4 | 6, bigint]>([
    ['0.0.0.0', 4, 0n],
    ['10.0.0.1', 4, 0x0a000001n],
    ['255.255.255.255', 4, 0xffffffffn],
    ['192.168.1.10', 4, 0xc0a8010an],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['2001:db8::1', 6, 0x20010db8000000000000000000000001n],
    ['2001:DB8::1', 6, 0x20010db8000000000000000000000001n], // upper case is valid IPv6
    ['2001:0db8:0000:0000:0000:0000:0000:0001', 6, 0x20010db8000000000000000000000001n],
    ['fe80::', 6, 0xfe800000000000000000000000000000n],
    ['1:2:3:4:5:6:7:8', 6, 0x00010002000300040005000600070008n],
    ['1::8', 6, 0x00010000000000000000000000000008n],
    ['64:ff9b::10.0.0.1', 6, 0x0064ff9b00000000000000000a000001n], // NAT64 prefix with dotted tail
    ['1:2:3:4:5:6:1.2.3.4', 6, 0x00010002000300040005000601020304n],
  ])('%s', (text, family, value) => {
    expect(parseIp(text)).toEqual({ family, value });
  });
});

describe('parseIp rejects', () => {
  test.each([
    '',
    'localhost',
    '10',
    '10.0.0',
    '10.0.0.0.1',
    '300.1.1.1',
    '256.0.0.0',
    '010.0.0.1', // leading zero: octal in some parsers
    '10.0.0.01',
    '10.0.0.-1',
    '10.0.0.1 ',
    ' 10.0.0.1',
    '10.0.0.1/32', // a CIDR is not an address
    '+1.2.3.4',
    '0x0a.0.0.1',
    '1:2:3:4:5:6:7', // too few groups without '::'
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::', // '::' must stand for at least one group
    '::1:2:3:4:5:6:7:8',
    '1::2::3',
    ':::',
    ':1::2',
    '1::2:',
    '12345::',
    'g::1',
    'fe80::1%eth0', // zone id
    '::ffff:10.0.0.1', // IPv4-mapped
    '::ffff:a00:1', // IPv4-mapped, hex form
    '1.2.3.4::',
    '::1.2.3.256',
    '::01.2.3.4',
  ])('%p', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  test('a non-string does not throw', () => {
    expect(parseIp(42 as unknown as string)).toBeUndefined();
  });
});

describe('parseCidr accepts', () => {
  test.each<[string, 4 | 6, number, boolean, string]>([
    ['10.0.0.0/8', 4, 8, false, '10.0.0.0/8'],
    ['0.0.0.0/0', 4, 0, false, '0.0.0.0/0'],
    ['10.0.0.1/32', 4, 32, false, '10.0.0.1/32'],
    ['10.0.0.1/24', 4, 24, true, '10.0.0.0/24'],
    ['172.17.1.0/16', 4, 16, true, '172.17.0.0/16'],
    ['169.254.20.10/32', 4, 32, false, '169.254.20.10/32'],
    ['::/0', 6, 0, false, '::/0'],
    ['2001:db8::/32', 6, 32, false, '2001:db8::/32'],
    ['2001:DB8::/32', 6, 32, false, '2001:db8::/32'],
    ['2001:db8::1/64', 6, 64, true, '2001:db8::/64'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001/128', 6, 128, false, '2001:db8::1:0:0:1/128'],
    ['fd00::/8', 6, 8, false, 'fd00::/8'],
  ])('%s', (text, family, prefix, hostBitsSet, canonical) => {
    const parsed = parseCidr(text);
    expect(parsed).toMatchObject({ family, prefix, hostBitsSet, canonical });
  });

  test('network is the masked address', () => {
    expect(cidr('10.1.2.3/16').network).toBe(0x0a010000n);
    expect(cidr('2001:db8:ffff::1/32').network).toBe(0x20010db8000000000000000000000000n);
  });
});

describe('parseCidr rejects with a reason', () => {
  test.each<[string, string]>([
    ['10.0.0.0', 'no prefix length'],
    ['2001:db8::', 'no prefix length'],
    ['300.1.1.1/8', "'300' must be a number from 0 to 255"],
    ['010.0.0.0/8', 'leading zero'],
    ['10.0.0.0/33', 'from 0 to 32 for IPv4'],
    ['2001:db8::/129', 'from 0 to 128 for IPv6'],
    ['10.0.0.0/', 'invalid prefix length'],
    ['10.0.0.0/08', 'invalid prefix length'],
    ['10.0.0.0/-1', 'invalid prefix length'],
    ['10.0.0.0/+8', 'invalid prefix length'],
    ['10.0.0.0/8/8', 'invalid prefix length'],
    ['10.0.0.0/ 8', 'invalid prefix length'],
    ['fe80::%eth0/64', 'zone ids'],
    ['::ffff:10.0.0.0/104', 'IPv4-mapped'],
    ['/8', 'not an IP address'],
    ['', 'no prefix length'],
    ['10.0.0/8', 'four dot-separated numbers'],
  ])('%s', (text, reason) => {
    const parsed = parseCidr(text);
    expect(typeof parsed).toBe('string');
    expect(parsed).toContain(reason);
  });

  test('a non-string is a reason, not an exception', () => {
    expect(parseCidr(undefined as unknown as string)).toContain('must be a string');
  });
});

describe('cidrContainsIp', () => {
  test.each<[string, string, boolean]>([
    ['10.0.0.0/8', '10.255.1.1', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['0.0.0.0/0', '203.0.113.7', true],
    ['10.0.0.5/32', '10.0.0.5', true],
    ['10.0.0.5/32', '10.0.0.6', false],
    ['10.0.0.1/24', '10.0.0.200', true], // host bits in the CIDR text are masked off
    ['2001:db8::/32', '2001:db8:1::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['::/0', '10.0.0.1', false], // families never mix
    ['0.0.0.0/0', '::1', false],
  ])('%s contains %s: %p', (c, ip, expected) => {
    const parsedIp = parseIp(ip);
    expect(parsedIp).toBeDefined();
    expect(cidrContainsIp(cidr(c), parsedIp!)).toBe(expected);
  });
});

describe('cidrContainsCidr', () => {
  test.each<[string, string, boolean]>([
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.0.0.0/8', '10.0.0.0/8', true], // equal counts as within
    ['10.0.0.0/16', '10.0.0.0/8', false], // wider is not within
    ['10.0.0.0/8', '11.0.0.0/16', false],
    ['0.0.0.0/0', '192.168.0.0/16', true],
    ['2001:db8::/32', '2001:db8:1::/48', true],
    ['2001:db8::/32', '2001:db9::/48', false],
    ['::/0', '10.0.0.0/8', false],
    ['0.0.0.0/0', '::/0', false],
  ])('%s contains %s: %p', (outer, inner, expected) => {
    expect(cidrContainsCidr(cidr(outer), cidr(inner))).toBe(expected);
  });
});

describe('formatIp (RFC 5952)', () => {
  test.each<[4 | 6, string, string]>([
    [6, '2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first of two equal runs
    [6, '2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not compressed
    [6, '0:0:0:0:0:0:0:0', '::'],
    [6, '0:0:0:0:0:0:0:1', '::1'],
    [6, '1:0:0:0:0:0:0:0', '1::'],
    [6, '2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // the longest run wins
    [6, 'ABCD::EF', 'abcd::ef'],
    [4, '192.0.2.1', '192.0.2.1'],
  ])('IPv%s %s -> %s', (family, input, expected) => {
    const parsed = parseIp(input);
    expect(parsed?.family).toBe(family);
    expect(formatIp(family, parsed!.value)).toBe(expected);
  });
});

describe('parseCidr results are shared safely', () => {
  test('a repeated parse gives an equal, frozen result', () => {
    const first = cidr('10.20.0.0/16');
    const second = cidr('10.20.0.0/16');
    expect(second).toEqual(first);
    expect(Object.isFrozen(second)).toBe(true);
  });

  test('a repeated invalid parse gives the same reason', () => {
    expect(parseCidr('10.0.0.0/99')).toBe(parseCidr('10.0.0.0/99'));
  });
});
