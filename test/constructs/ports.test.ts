import { errorOf, newChart, synthOne } from './helpers';
import { NetworkPolicy, Peer, Port, Protocol } from '../../src';

/** The `ports` list an ingress rule with these ports synthesizes to. */
function ports(...list: Port[]): any[] {
  const chart = newChart();
  new NetworkPolicy(chart, 'policy', { ingress: [{ peers: [Peer.anyone()], ports: list }] });
  return synthOne(chart).spec.ingress[0].ports;
}

describe('numbered ports always carry their protocol', () => {
  test.each([
    ['tcp', Port.tcp(8080), { protocol: 'TCP', port: 8080 }, 'TCP 8080'],
    ['udp', Port.udp(514), { protocol: 'UDP', port: 514 }, 'UDP 514'],
    ['sctp', Port.sctp(3868), { protocol: 'SCTP', port: 3868 }, 'SCTP 3868'],
    ['number', Port.number(Protocol.UDP, 123), { protocol: 'UDP', port: 123 }, 'UDP 123'],
    ['lowest', Port.tcp(1), { protocol: 'TCP', port: 1 }, 'TCP 1'],
    ['highest', Port.tcp(65535), { protocol: 'TCP', port: 65535 }, 'TCP 65535'],
  ])('%s', (_name, port, manifest, text) => {
    expect(ports(port)).toEqual([manifest]);
    expect(port.toString()).toBe(text);
  });
});

describe('ranges', () => {
  test('tcpRange() writes port and endPort', () => {
    const range = Port.tcpRange(8000, 8100);
    expect(ports(range)).toEqual([{ protocol: 'TCP', port: 8000, endPort: 8100 }]);
    expect(range.toString()).toBe('TCP 8000-8100');
  });

  test('udpRange() and range() keep their protocol', () => {
    expect(ports(Port.udpRange(30000, 30010), Port.range(Protocol.SCTP, 1, 2))).toEqual([
      { protocol: 'UDP', port: 30000, endPort: 30010 },
      { protocol: 'SCTP', port: 1, endPort: 2 },
    ]);
  });

  test('a range of one port is written as that port, without endPort', () => {
    expect(ports(Port.tcpRange(443, 443))).toEqual([{ protocol: 'TCP', port: 443 }]);
  });

  test('endPort below port is rejected at once', () => {
    const message = errorOf(() => Port.tcpRange(9000, 8000));
    expect(message).toContain('Port.range(TCP, 9000, 8000): endPort 8000 is below port 9000');
  });

  test('an endPort out of range is rejected at once', () => {
    expect(errorOf(() => Port.tcpRange(8000, 70000))).toContain('endPort 70000 must be a whole number from 1 to 65535');
  });
});

describe('named ports', () => {
  test('default to TCP, and the name is the port', () => {
    const port = Port.named('http');
    expect(ports(port)).toEqual([{ protocol: 'TCP', port: 'http' }]);
    expect(port.toString()).toBe("TCP port 'http'");
  });

  test('take another protocol', () => {
    expect(ports(Port.named('dns', Protocol.UDP))).toEqual([{ protocol: 'UDP', port: 'dns' }]);
  });

  test.each(['a', 'http', 'grpc-web', 'h2c', 'fifteen-chars-x'])('accept %s', (name) => {
    expect(Port.named(name).name).toBe(name);
  });

  test.each([
    ['upper case', 'HTTP', /only lower-case letters, digits and '-'/],
    ['digits only (a quoted number)', '80', /write it as a number/],
    ['longer than 15 characters', 'sixteen-chars-xx', /no more than 15 characters/],
    ['a double hyphen', 'grpc--web', /must not contain '--'/],
    ['a leading hyphen', '-http', /must not start or end with '-'/],
    ['an underscore', 'my_port', /only lower-case letters/],
    ['nothing', '', /must not be empty/],
  ])('reject %s at once, naming the value and the rule', (_what, name, reason) => {
    const message = errorOf(() => Port.named(name));
    expect(message).toContain(`port name '${name}'`);
    expect(message).toMatch(reason);
  });
});

describe('all ports of a protocol', () => {
  test('are written as a protocol without a port, never as port 0', () => {
    expect(ports(Port.allTcp(), Port.allUdp(), Port.allSctp())).toEqual([
      { protocol: 'TCP' },
      { protocol: 'UDP' },
      { protocol: 'SCTP' },
    ]);
    expect(Port.allUdp().toString()).toBe('all UDP ports');
    expect(Port.allUdp().portNumber).toBeUndefined();
  });
});

describe('bad port numbers are rejected at once', () => {
  test.each([0, -1, 65536, 80.5, NaN, Infinity])('%p', (n) => {
    const message = errorOf(() => Port.tcp(n));
    expect(message).toContain(`Port.tcp(${n}): port ${n}`);
    expect(message).toContain('a whole number from 1 to 65535');
  });

  test('for every protocol', () => {
    expect(errorOf(() => Port.udp(0))).toContain('Port.udp(0)');
    expect(errorOf(() => Port.sctp(0))).toContain('Port.sctp(0)');
    expect(errorOf(() => Port.range(Protocol.UDP, 0, 10))).toContain('port 0 must be');
  });
});

test.each([
  ['DNS_UDP', Port.DNS_UDP, 'UDP 53'],
  ['DNS_TCP', Port.DNS_TCP, 'TCP 53'],
  ['HTTP', Port.HTTP, 'TCP 80'],
  ['HTTPS', Port.HTTPS, 'TCP 443'],
  ['HTTP_ALT', Port.HTTP_ALT, 'TCP 8080'],
  ['SSH', Port.SSH, 'TCP 22'],
  ['POSTGRESQL', Port.POSTGRESQL, 'TCP 5432'],
  ['MYSQL', Port.MYSQL, 'TCP 3306'],
  ['REDIS', Port.REDIS, 'TCP 6379'],
  ['MONGODB', Port.MONGODB, 'TCP 27017'],
  ['MEMCACHED', Port.MEMCACHED, 'TCP 11211'],
  ['KAFKA', Port.KAFKA, 'TCP 9092'],
  ['AMQP', Port.AMQP, 'TCP 5672'],
  ['ELASTICSEARCH', Port.ELASTICSEARCH, 'TCP 9200'],
  ['KUBERNETES_API', Port.KUBERNETES_API, 'TCP 443'],
  ['KUBERNETES_API_NODE', Port.KUBERNETES_API_NODE, 'TCP 6443'],
])('the constant Port.%s is %s', (_name, port, text) => {
  expect(port.toString()).toBe(text);
});

test('the same port given twice is listed once; the same number on two protocols is two ports', () => {
  expect(ports(Port.tcp(53), Port.DNS_TCP, Port.udp(53))).toEqual([
    { protocol: 'TCP', port: 53 },
    { protocol: 'UDP', port: 53 },
  ]);
});

test('every kind of port in one rule (snapshot)', () => {
  expect(ports(
    Port.HTTPS,
    Port.udp(53),
    Port.sctp(9),
    Port.tcpRange(8000, 8100),
    Port.named('metrics'),
    Port.named('syslog', Protocol.UDP),
    Port.allSctp(),
  )).toMatchSnapshot();
});
