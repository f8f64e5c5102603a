import { Construct } from 'constructs';
import { DnsTarget } from './allow-dns';
import { ServiceGraph } from './service-graph';
import { Annotations, NetworkPolicy } from '../network-policy';
import { Peer } from '../peers';
import { Port } from '../ports';
import { checkInstances, checkLabelMap, checkOptionalInstance, checkOptionalString, checkProps, lockProperties } from '../runtime-checks';
import { LabelSelector } from '../selectors';
import { Workload } from '../workload';

/**
 * How one tier's pods are found and which port they serve on.
 */
export interface TierOptions {
  /**
   * The labels of the tier's pods.
   *
   * @default - { tier: 'frontend' }, { tier: 'backend' } or { tier: 'database' }
   */
  readonly labels?: { [key: string]: string };

  /**
   * The port the tier's pods serve on (a pod port).
   *
   * @default - TCP 80 for the frontend, TCP 8080 for the backend, TCP 5432 for the database
   */
  readonly port?: Port;
}

/**
 * Properties of a `ThreeTierApp`.
 */
export interface ThreeTierAppProps {
  /**
   * The namespace of the application and its policies.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;

  /**
   * A prefix for the policy names (`<prefix>frontend-policy`, ...), to run several applications in one namespace.
   *
   * @default '' (the names are frontend-policy, backend-policy and database-policy)
   */
  readonly namePrefix?: string;

  /** The frontend tier. @default - tier=frontend on TCP 80 */
  readonly frontend?: TierOptions;
  /** The backend tier. @default - tier=backend on TCP 8080 */
  readonly backend?: TierOptions;
  /** The database tier. @default - tier=database on TCP 5432 */
  readonly database?: TierOptions;

  /**
   * Who may reach the frontend on its port.
   *
   * @default - [Peer.anyone()]: every pod and every address outside the cluster (internet-facing)
   */
  readonly frontendSources?: Peer[];

  /**
   * Where every tier resolves names.
   *
   * @default - [DnsTarget.clusterDns()]
   */
  readonly dns?: DnsTarget[];
}

/**
 * The classic three-tier application, segmented: frontend, backend and database, each isolated for ingress
 * and egress. The frontend accepts its port from `frontendSources`, the backend only from the frontend, the
 * database only from the backend; each tier may call only the next one, and every tier may resolve names.
 * No tier reaches the internet unless you add a rule to its policy. It is a `ServiceGraph` of three
 * workloads (`graph`), so its output reads the same as any other graph's.
 */
export class ThreeTierApp extends Construct {
  /** The frontend's policy. Add rules to it to open more. */
  public readonly frontend: NetworkPolicy;
  /** The backend's policy. */
  public readonly backend: NetworkPolicy;
  /** The database's policy. */
  public readonly database: NetworkPolicy;
  /**
  * The graph the tiers are written in: frontend calls backend, backend calls database.
  *
  * @param scope the chart or construct to add the policies to
  * @param id the construct id, unique in `scope`
  * @param props the namespace, the tiers, their ports, and who may reach the frontend
  */
  public readonly graph: ServiceGraph;

  /**
   * Adds the policies to `scope`.
   *
   * @param scope the chart or construct to add the policies to
   * @param id the construct id, unique in `scope`
   * @param props the namespace, the tiers, their ports, and who may reach the frontend
   */
  public constructor(scope: Construct, id: string, props: ThreeTierAppProps = {}) {
    super(scope, id);
    const where = `[${this.node.path}]`;
    checkProps(props, where, 'props', ['namespace', 'namePrefix', 'frontend', 'backend', 'database', 'frontendSources', 'dns'], 'property');
    checkOptionalString(props.namespace, where, 'namespace');
    const prefix = checkOptionalString(props.namePrefix, where, 'namePrefix') ?? '';
    const dns = props.dns === undefined ? [DnsTarget.clusterDns()] : checkInstances(props.dns, DnsTarget, where, 'dns', 'DnsTarget.clusterDns(), ...');
    if (dns.length === 0) {
      throw new Error(`[${this.node.path}] dns is empty: every tier needs to resolve names; omit dns for cluster DNS.`);
    }
    const frontendSources = props.frontendSources === undefined
      ? [Peer.anyone()]
      : checkInstances(props.frontendSources, Peer, where, 'frontendSources', 'Peer.pods(...), Peer.ipv4(...), ...; Peer.anyone() for everyone');
    for (const name of ['frontend', 'backend', 'database'] as const) {
      const options = checkProps(props[name], where, name, ['labels', 'port'], 'option');
      if (options.labels !== undefined) checkLabelMap(options.labels, where, `${name}.labels`);
      checkOptionalInstance(options.port, Port, where, `${name}.port`, 'Port.tcp(8080), ...');
    }
    const tier = (name: string, options: TierOptions | undefined, port: Port) => {
      const selector = LabelSelector.labels(options?.labels ?? { tier: name });
      const tierPort = options?.port ?? port;
      return { name, selector, port: tierPort, workload: Workload.select(name, selector, { namespace: props.namespace, ports: [tierPort] }) };
    };
    const front = tier('frontend', props.frontend, Port.HTTP);
    const back = tier('backend', props.backend, Port.HTTP_ALT);
    const db = tier('database', props.database, Port.POSTGRESQL);
    for (const a of [front, back, db]) {
      for (const b of [front, back, db]) {
        if (a !== b && selectsAllOf(a.selector, b.selector)) {
          // a's policy would select b's pods too, giving them a's rules: the tiers would no longer be isolated.
          throw new Error(
            `[${this.node.path}] the ${a.name} labels (${a.selector}) also select every ${b.name} pod (${b.selector}), ` +
            `so the ${b.name} would get the ${a.name}'s rules as well as its own; give each tier labels the others do not all carry.`,
          );
        }
      }
    }

    this.graph = new ServiceGraph(this, 'graph', { namespace: props.namespace, dns, namePrefix: prefix });
    this.graph.allowFrom(front.workload, frontendSources, { ports: [front.port], description: `clients reach the ${front.name} on ${front.port}` });
    this.graph.allow(front.workload, back.workload, { ports: [back.port], description: `the ${front.name} calls the ${back.name} on ${back.port}` });
    this.graph.allow(back.workload, db.workload, { ports: [db.port], description: `the ${back.name} queries the ${db.name} on ${db.port}` });

    const policy = (t: typeof front, description: string) => {
      const p = this.graph.policyFor(t.workload);
      p.metadata.addAnnotation(Annotations.DESCRIPTION, description);
      return p;
    };
    this.frontend = policy(front, `The ${front.name} tier (${front.selector}): serves ${front.port} to its clients and calls only the ${back.name}.`);
    this.backend = policy(back, `The ${back.name} tier (${back.selector}): serves only the ${front.name} and calls only the ${db.name}.`);
    this.database = policy(db, `The ${db.name} tier (${db.selector}): serves only the ${back.name} and calls nothing but DNS.`);
    lockProperties(this, ['frontend', 'backend', 'database', 'graph']);
  }
}

/** Whether every pod with `b`'s exact labels also has all of `a`'s (both are plain label selectors). */
function selectsAllOf(a: LabelSelector, b: LabelSelector): boolean {
  return Object.entries(a.matchLabels).every(([key, value]) => Object.hasOwn(b.matchLabels, key) && b.matchLabels[key] === value);
}
