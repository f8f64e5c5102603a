import {
  checkDns1123Label,
  checkDns1123Subdomain,
  checkLabelKey,
  checkLabelValue,
  checkNamedPort,
  checkPortNumber,
  checkProtocol,
} from '../../src/validation/syntax';

// Each table: [input, expected reason fragment or undefined when valid].
type Case<T> = [T, string | undefined];

function runTable<T>(check: (value: T) => string | undefined, cases: Array<Case<T>>): void {
  test.each(cases)('%p -> %p', (input, expected) => {
    const reason = check(input);
    if (expected === undefined) {
      expect(reason).toBeUndefined();
    } else {
      expect(reason).toBeDefined();
      expect(reason).toContain(expected);
    }
  });
}

describe('checkDns1123Subdomain', () => {
  runTable(checkDns1123Subdomain, [
    ['web', undefined],
    ['allow-dns', undefined],
    ['a', undefined],
    ['0', undefined],
    ['web.example.com', undefined],
    ['a'.repeat(253), undefined],
    ['a'.repeat(63) + '.' + 'b'.repeat(63), undefined],
    ['', 'must not be empty'],
    ['a'.repeat(254), 'no more than 253 characters (has 254)'],
    ['Web', 'DNS-1123 subdomain'],
    ['-web', 'DNS-1123 subdomain'],
    ['web-', 'DNS-1123 subdomain'],
    ['web..api', 'DNS-1123 subdomain'],
    ['.web', 'DNS-1123 subdomain'],
    ['web_api', 'DNS-1123 subdomain'],
    ['web api', 'DNS-1123 subdomain'],
  ]);
});

describe('checkDns1123Label', () => {
  runTable(checkDns1123Label, [
    ['kube-system', undefined],
    ['default', undefined],
    ['a'.repeat(63), undefined],
    ['1st', undefined],
    ['', 'must not be empty'],
    ['a'.repeat(64), 'no more than 63 characters (has 64)'],
    ['kube.system', 'DNS-1123 label'],
    ['Prod', 'DNS-1123 label'],
    ['-prod', 'DNS-1123 label'],
    ['prod-', 'DNS-1123 label'],
  ]);
});

describe('checkLabelKey', () => {
  runTable(checkLabelKey, [
    ['app', undefined],
    ['App_Name.v1', undefined],
    ['kubernetes.io/metadata.name', undefined],
    ['app.kubernetes.io/name', undefined],
    ['example.com/' + 'a'.repeat(63), undefined],
    ['a'.repeat(253) + '/x', undefined],
    ['', 'name part must not be empty'],
    ['example.com/', 'name part must not be empty'],
    ['/app', 'prefix before \'/\' must not be empty'],
    ['a/b/c', 'at most one \'/\''],
    ['Example.com/app', 'prefix before \'/\' must be a DNS-1123 subdomain'],
    ['a'.repeat(254) + '/x', 'prefix before \'/\' must be no more than 253'],
    ['a'.repeat(64), 'name part must be no more than 63 characters'],
    ['_app', 'name part must be'],
    ['app.', 'name part must be'],
    ['app name', 'name part must be'],
    ['app:x', 'name part must be'],
  ]);
});

describe('checkLabelValue', () => {
  runTable(checkLabelValue, [
    ['', undefined], // the API accepts an empty label value
    ['web', undefined],
    ['Web_1.2-x', undefined],
    ['0', undefined],
    ['a'.repeat(63), undefined],
    ['a'.repeat(64), 'no more than 63 characters (has 64)'],
    ['-web', 'must be empty or letters'],
    ['web.', 'must be empty or letters'],
    ['a/b', 'must be empty or letters'],
    ['with space', 'must be empty or letters'],
  ]);
});

describe('checkPortNumber', () => {
  runTable(checkPortNumber, [
    [1, undefined],
    [53, undefined],
    [65535, undefined],
    [0, 'from 1 to 65535'],
    [-1, 'from 1 to 65535'],
    [65536, 'from 1 to 65535'],
    [80.5, 'whole number'],
    [NaN, 'from 1 to 65535'],
    [Infinity, 'from 1 to 65535'],
  ]);
});

describe('checkNamedPort', () => {
  runTable(checkNamedPort, [
    ['http', undefined],
    ['grpc-web', undefined],
    ['h2c', undefined],
    ['a', undefined],
    ['1a', undefined],
    ['a'.repeat(15), undefined],
    ['', 'must not be empty'],
    ['80', 'write it as a number, not the string "80"'],
    ['a'.repeat(16), 'no more than 15 characters (has 16)'],
    ['HTTP', 'only lower-case letters, digits and \'-\''],
    ['http_alt', 'only lower-case letters, digits and \'-\''],
    ['-', 'at least one letter'],
    ['1-2', 'at least one letter'],
    ['-http', 'must not start or end with \'-\''],
    ['http-', 'must not start or end with \'-\''],
    ['grpc--web', 'must not contain \'--\''],
  ]);
});

describe('checkProtocol', () => {
  runTable(checkProtocol, [
    ['TCP', undefined],
    ['UDP', undefined],
    ['SCTP', undefined],
    ['tcp', 'must be upper case: \'TCP\''],
    ['Udp', 'must be upper case: \'UDP\''],
    ['ICMP', 'one of \'TCP\', \'UDP\' or \'SCTP\''],
    ['', 'one of \'TCP\', \'UDP\' or \'SCTP\''],
  ]);
});
