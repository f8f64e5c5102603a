import { describePort } from './describe';
import { PortManifest } from './manifest';
import { Protocol } from './protocol';
import { checkEnum, checkString, lockProperties, show } from './runtime-checks';
import { markDeepFrozen } from './validation/frozen';
import { checkNamedPort, checkPortNumber } from './validation/syntax';

/** Numbered ports by protocol and number (at most 65,535 per protocol). */
const NUMBERED: Record<Protocol, Map<number, Port>> = {
  [Protocol.TCP]: new Map(), [Protocol.UDP]: new Map(), [Protocol.SCTP]: new Map(),
};

/** Ranges and named ports by key; cleared when full, so it stays bounded. */
const SHARED = new Map<string, Port>();
const SHARED_LIMIT = 10_000;

function shared(key: string, create: () => Port): Port {
  const cached = SHARED.get(key);
  if (cached !== undefined) return cached;
  if (SHARED.size >= SHARED_LIMIT) SHARED.clear();
  const port = create();
  SHARED.set(key, port);
  return port;
}

/**
 * A port (or range of ports) of one protocol that a rule allows (a `NetworkPolicyPort`).
 *
 * Ports are pod (container) ports, not Service ports: policies are enforced after a Service has
 * translated its port to the pod's. The protocol is always written out, so a UDP service is never
 * silently treated as TCP.
 */
export class Port {
  /** DNS over UDP, port 53. */
  public static readonly DNS_UDP = Port.udp(53);
  /** DNS over TCP, port 53 (used for large answers and zone transfers). */
  public static readonly DNS_TCP = Port.tcp(53);
  /** HTTP, TCP 80. */
  public static readonly HTTP = Port.tcp(80);
  /** HTTPS, TCP 443. */
  public static readonly HTTPS = Port.tcp(443);
  /** The common alternative HTTP port, TCP 8080. */
  public static readonly HTTP_ALT = Port.tcp(8080);
  /** SSH, TCP 22. */
  public static readonly SSH = Port.tcp(22);
  /** PostgreSQL, TCP 5432. */
  public static readonly POSTGRESQL = Port.tcp(5432);
  /** MySQL and MariaDB, TCP 3306. */
  public static readonly MYSQL = Port.tcp(3306);
  /** Redis, TCP 6379. */
  public static readonly REDIS = Port.tcp(6379);
  /** MongoDB, TCP 27017. */
  public static readonly MONGODB = Port.tcp(27017);
  /** Memcached, TCP 11211. */
  public static readonly MEMCACHED = Port.tcp(11211);
  /** Apache Kafka, TCP 9092. */
  public static readonly KAFKA = Port.tcp(9092);
  /** AMQP (RabbitMQ), TCP 5672. */
  public static readonly AMQP = Port.tcp(5672);
  /** Elasticsearch / OpenSearch HTTP, TCP 9200. */
  public static readonly ELASTICSEARCH = Port.tcp(9200);
  /** The Kubernetes API server behind its Service, TCP 443. */
  public static readonly KUBERNETES_API = Port.tcp(443);
  /** The Kubernetes API server on the control-plane nodes (after DNAT), TCP 6443. */
  public static readonly KUBERNETES_API_NODE = Port.tcp(6443);

  /**
   * A TCP port.
   *
   * @param port the port number, 1 to 65535
   */
  public static tcp(port: number): Port {
    return Port.number(Protocol.TCP, port);
  }

  /**
   * A UDP port.
   *
   * @param port the port number, 1 to 65535
   */
  public static udp(port: number): Port {
    return Port.number(Protocol.UDP, port);
  }

  /**
   * An SCTP port.
   *
   * @param port the port number, 1 to 65535
   */
  public static sctp(port: number): Port {
    return Port.number(Protocol.SCTP, port);
  }

  /**
   * A port of any protocol by number.
   *
   * @param protocol the port's protocol
   * @param port the port number, 1 to 65535
   */
  public static number(protocol: Protocol, port: number): Port {
    checkEnum(protocol, Protocol, 'Protocol', 'Port.number()', 'protocol');
    if (typeof port !== 'number' || checkPortNumber(port) !== undefined) {
      throw new Error(`Port.${factoryName(protocol)}(${show(port)}): port ${show(port)} must be a whole number from 1 to 65535.`);
    }
    // Ports are immutable: one value per protocol and number is shared by every caller.
    const cache = NUMBERED[protocol];
    return cache.get(port) ?? cache.set(port, new Port(protocol, port, undefined, undefined)).get(port)!;
  }

  /**
   * A range of TCP ports, both ends included (written as `port` and `endPort`; needs a CNI that supports
   * `endPort`).
   *
   * @param startPort the first port of the range, 1 to 65535
   * @param endPort the last port of the range, from `startPort` to 65535
   */
  public static tcpRange(startPort: number, endPort: number): Port {
    return Port.range(Protocol.TCP, startPort, endPort);
  }

  /**
   * A range of UDP ports, both ends included.
   *
   * @param startPort the first port of the range, 1 to 65535
   * @param endPort the last port of the range, from `startPort` to 65535
   */
  public static udpRange(startPort: number, endPort: number): Port {
    return Port.range(Protocol.UDP, startPort, endPort);
  }

  /**
   * A range of ports of any protocol, both ends included. A range of one port is that port.
   *
   * @param protocol the protocol of every port of the range
   * @param startPort the first port of the range, 1 to 65535
   * @param endPort the last port of the range, from `startPort` to 65535
   */
  public static range(protocol: Protocol, startPort: number, endPort: number): Port {
    const from = startPort;
    const to = endPort;
    checkEnum(protocol, Protocol, 'Protocol', 'Port.range()', 'protocol');
    // Messages are built only on failure: ranges are created for every policy of a chart.
    const where = () => `Port.range(${protocol}, ${show(from)}, ${show(to)})`;
    const fromReason = typeof from === 'number' ? checkPortNumber(from) : 'must be a whole number from 1 to 65535';
    if (fromReason !== undefined) {
      throw new Error(`${where()}: port ${show(from)} ${fromReason}.`);
    }
    const toReason = typeof to === 'number' ? checkPortNumber(to) : 'must be a whole number from 1 to 65535';
    if (toReason !== undefined) {
      throw new Error(`${where()}: endPort ${show(to)} ${toReason}.`);
    }
    if (to < from) {
      throw new Error(`${where()}: endPort ${to} is below port ${from}; a range runs from the lower port to the higher.`);
    }
    if (to === from) {
      return Port.number(protocol, from);
    }
    return shared(`${protocol}/${from}-${to}`, () => new Port(protocol, from, to, undefined));
  }

  /**
   * A named container port, resolved on each destination pod (e.g. `Port.named('http')`).
   *
   * The name must be declared by the destination's containers with the same protocol; it never
   * matches an address outside the cluster.
   *
   * @param name an IANA service name: 1 to 15 lower-case letters, digits and '-', with at least one letter
   * @param protocol the protocol @default Protocol.TCP
   */
  public static named(name: string, protocol?: Protocol): Port {
    checkString(name, 'Port.named()', 'name');
    const p = protocol === undefined ? Protocol.TCP : checkEnum(protocol, Protocol, 'Protocol', () => `Port.named(${show(name)})`, 'protocol');
    const reason = checkNamedPort(name);
    if (reason !== undefined) {
      throw new Error(`Port.named('${name}'): port name '${name}' ${reason}.`);
    }
    return shared(`${p}/${name}`, () => new Port(p, undefined, undefined, name));
  }

  /** Every TCP port (a port entry with only `protocol: TCP`). */
  public static allTcp(): Port {
    return new Port(Protocol.TCP, undefined, undefined, undefined);
  }

  /** Every UDP port. */
  public static allUdp(): Port {
    return new Port(Protocol.UDP, undefined, undefined, undefined);
  }

  /** Every SCTP port. */
  public static allSctp(): Port {
    return new Port(Protocol.SCTP, undefined, undefined, undefined);
  }

  /**
   * Ports known only at synthesis (a workload's declared ports), standing for the ports `produce` gives.
   * @internal
   */
  public static _lazy(key: string, describe: () => string, produce: () => readonly Port[]): Port {
    return new Port(Protocol.TCP, undefined, undefined, undefined, `lazy:${key}`, { describe, produce });
  }

  /** The protocol. */
  public get protocol(): Protocol {
    return this.state.protocol;
  }

  /** The port number, or the first port of a range. Undefined for a named port or all ports of the protocol. */
  public get portNumber(): number | undefined {
    return this.state.port;
  }

  /** The last port of a range (inclusive). */
  public get endPort(): number | undefined {
    return this.state.endPort;
  }

  /** The name of a named container port. */
  public get name(): string | undefined {
    return this.state.name;
  }

  /**
   * A canonical key for de-duplication.
   * @internal
   */
  public get _key(): string {
    return this.state.key;
  }

  // Ports are shared (Port.DNS_UDP and the other constants by every chart of the process): nothing may change
  // them. The public properties are getters over this frozen state, which costs a tenth of making own
  // properties read-only one by one (and leaves the instance extensible, as the jsii kernel needs).
  private readonly state: Readonly<{ protocol: Protocol; port?: number; endPort?: number; name?: string; key: string }>;
  private readonly manifest: PortManifest;
  private readonly lazy?: { describe: () => string; produce: () => readonly Port[] };

  private constructor(
    protocol: Protocol, port?: number, endPort?: number, name?: string, key?: string,
    lazy?: { describe: () => string; produce: () => readonly Port[] },
  ) {
    this.state = Object.freeze({
      protocol,
      port,
      endPort,
      name,
      key: key ?? `${protocol}/${name ?? port ?? '*'}${endPort === undefined ? '' : `-${endPort}`}`,
    });
    this.lazy = lazy;
    const manifest: PortManifest = { protocol };
    if (name !== undefined) {
      manifest.port = name;
    } else if (port !== undefined) {
      manifest.port = port;
      if (endPort !== undefined) {
        manifest.endPort = endPort;
      }
    }
    this.manifest = markDeepFrozen(Object.freeze(manifest));
  }

  /**
   * The ports this stands for: itself, or a workload's ports at synthesis.
   * @internal
   */
  public _expand(): readonly Port[] {
    return this.lazy ? this.lazy.produce() : [this];
  }

  /** A readable form: `TCP 8080`, `UDP 53`, `TCP 8000-8100`, `TCP port 'http'`, `all TCP ports`. */
  public toString(): string {
    if (this.lazy) return this.lazy.describe();
    return describePort({ protocol: this.protocol, port: this.portNumber, endPort: this.endPort, name: this.name });
  }


  /**
   * The manifest of this port; one frozen object per port (synthesis copies it).
   * @internal
   */
  public _toManifest(): PortManifest {
    return this.manifest;
  }
}

// The constants are shared by every caller of the process: they cannot be replaced.
lockProperties(Port, Object.getOwnPropertyNames(Port).filter((k) => (Port as any)[k] instanceof Port) as Array<keyof typeof Port>);

function factoryName(protocol: Protocol): string {
  return protocol.toLowerCase();
}
