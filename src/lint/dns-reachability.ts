/**
 * Whether pods can resolve names: each pod judged by the evaluator against the cluster DNS pods on UDP and
 * TCP. With workloads, the pods are the model's own; with policies alone, the representatives the policies
 * tell apart. The DNS pods are the model's own when it has them (so policies isolating them count too),
 * else a pod with the DNS labels in the DNS namespace (a representative, or a hypothetical pod). Internal.
 *
 * Judged on representatives, a finding never rests on a pod no real pod is likely to be: a catch-all
 * representative (pods no policy of their namespace selects by labels, so only namespace-wide policies
 * apply to them) is judged only when its namespace has no other, since a namespace whose workloads each
 * have a policy of their own rarely has pods with none of their labels.
 *
 * @module
 */
import { DnsSettings } from './dns-settings';
import { PodEnd } from '../analysis/endpoints';
import { Evaluator, Verdict } from '../analysis/evaluator';
import { ModelEndpoint, ModelSnapshot } from '../analysis/model';
import { deriveRepresentatives, withRepresentatives } from '../analysis/representatives';
import { describeLabels } from '../analysis/selector-match';
import { Bitset } from '../bitset';
import { Labels } from '../ingest/records';
import { Protocol } from '../protocol';

/** The cluster DNS pods lint judges reachability against (not the public DnsTarget construct value). */
export class ClusterDnsPods {
  public static of(settings: DnsSettings): ClusterDnsPods {
    return new ClusterDnsPods(settings.namespace, settings.podLabels, settings.port);
  }

  private constructor(
    public readonly namespace: string,
    public readonly podLabels: Labels,
    public readonly port: number,
  ) {}

  /** `pods k8s-app=kube-dns in namespace kube-system`. */
  public get pods(): string {
    return `pods ${describeLabels(this.podLabels)} in namespace ${this.namespace}`;
  }

  public matches(endpoint: ModelEndpoint): boolean {
    return endpoint.namespace === this.namespace
      && Object.entries(this.podLabels).every(([key, value]) => endpoint.labels[key] === value);
  }
}

/** A pod whose DNS is judged. */
export interface DnsSubject {
  /** Index in the DNS evaluator's endpoints. */
  readonly index: number;
  /** A workload of the model: its id. A representative: undefined. */
  readonly workload?: string;
  /** `production/backend`, or a representative's id such as `production/[tier=backend]`. */
  readonly label: string;
}

/** How one pod's DNS is judged. */
export interface DnsOutcome {
  readonly subject: DnsSubject;
  /** The DNS pod judged against (the best-reachable one when there are several). */
  readonly dns: PodEnd;
  readonly udp: Verdict;
  readonly tcp: Verdict;
}

export class DnsReachability {
  public readonly target: ClusterDnsPods;
  /** The evaluator DNS is judged with: the model's, plus representatives when it has no workloads. */
  public readonly evaluator: Evaluator;
  /** True when the model has no DNS pods and a pod with the DNS labels stands in for them. */
  public readonly standIn: boolean;
  /** The DNS pods' ids (or the stand-in's description). */
  public readonly dnsLabel: string;
  /**
   * How each pod that cannot resolve names over both UDP and TCP is judged (pods that can are left out:
   * no rule reports them).
   */
  public readonly outcomes: readonly DnsOutcome[];

  constructor(snapshot: ModelSnapshot, evaluator: Evaluator, target: ClusterDnsPods) {
    this.target = target;
    const workloadsKnown = evaluator.endpoints.length > 0;
    this.evaluator = workloadsKnown ? evaluator : new Evaluator(withRepresentatives(snapshot, deriveRepresentatives([snapshot], 'auto')));
    const endpoints = this.evaluator.endpoints;
    const realDns = endpoints.map((_, i) => i).filter((i) => endpoints[i].synthetic === undefined && target.matches(endpoints[i]));
    this.standIn = realDns.length === 0;
    const dnsEnds = this.standIn
      ? [this.evaluator.labelled({ namespace: target.namespace, labels: target.podLabels })]
      : realDns.map((i) => this.evaluator.pod(i));
    this.dnsLabel = this.standIn ? `the cluster DNS (${target.pods})` : dnsEnds.map((d) => d.id).join(', ');

    const subjects: DnsSubject[] = [];
    if (workloadsKnown) {
      endpoints.forEach((endpoint, index) => {
        if (target.matches(endpoint)) return;
        subjects.push({ index, workload: this.evaluator.resolver.ids[index], label: this.evaluator.resolver.ids[index] });
      });
    } else {
      // Representatives of the namespaces policies live in, catch-alls only where nothing more specific exists.
      const policyNamespaces = new Set(snapshot.policies.map((p) => p.namespace));
      const specific = new Set(endpoints.filter((e) => e.synthetic && !e.synthetic.catchAll).map((e) => e.namespace));
      endpoints.forEach((endpoint, index) => {
        const synthetic = endpoint.synthetic;
        if (!synthetic || !policyNamespaces.has(endpoint.namespace) || target.matches(endpoint)) return;
        if (synthetic.catchAll && specific.has(endpoint.namespace)) return;
        const labels = describeLabels(endpoint.labels);
        subjects.push({ index, label: `the pods ${labels === 'no labels' ? '' : `${labels} `}of namespace ${endpoint.namespace} (${synthetic.id})` });
      });
    }
    // The source classes that reach some DNS pod on both protocols, from one set per DNS pod and protocol
    // (a cluster has thousands of pods and a handful of DNS pods): those pods resolve names, and only the
    // others are judged one by one, for the reasons a finding gives.
    // The sets are NetworkPolicy-only: with ClusterNetworkPolicies, whose tiers they do not judge, every class is judged.
    const resolving = this.evaluator.tiers ? new Bitset(this.evaluator.classes.length) : this.resolvingClasses(dnsEnds);
    // Pods of one class are treated alike by every policy: judged once per class.
    const byClass = new Map<number, DnsOutcome>();
    const outcomes: DnsOutcome[] = [];
    for (const subject of subjects) {
      const cls = this.evaluator.classOf[subject.index];
      if (resolving.has(cls)) continue;
      let outcome = byClass.get(cls);
      if (!outcome) {
        outcome = this.judge(subject, dnsEnds);
        byClass.set(cls, outcome);
      }
      if (outcome.udp.allowed && outcome.tcp.allowed) continue;
      outcomes.push(outcome.subject === subject ? outcome : { ...outcome, subject });
    }
    this.outcomes = outcomes;
  }

  /** The classes allowed to reach one of the DNS pods on UDP and on TCP (hypothetical DNS pods: none). */
  private resolvingClasses(dnsEnds: readonly PodEnd[]): Bitset {
    const classes = this.evaluator.classes.length;
    const out = new Bitset(classes);
    for (const dns of dnsEnds) {
      if (dns.cls >= classes) continue;
      const udp = this.evaluator.sourcesInto(dns.cls, Protocol.UDP, this.target.port)?.clone();
      const tcp = udp && this.evaluator.sourcesInto(dns.cls, Protocol.TCP, this.target.port);
      if (udp && tcp) out.orAnd(udp, tcp);
    }
    return out;
  }

  private judge(subject: DnsSubject, dnsEnds: readonly PodEnd[]): DnsOutcome {
    const from = this.evaluator.pod(subject.index);
    let best: DnsOutcome | undefined;
    let bestScore = -1;
    for (const dns of dnsEnds) {
      const udp = this.evaluator.judge(from, dns, Protocol.UDP, this.target.port);
      const tcp = this.evaluator.judge(from, dns, Protocol.TCP, this.target.port);
      // UDP carries the queries; TCP the large answers.
      const score = (udp.allowed ? 2 : 0) + (tcp.allowed ? 1 : 0);
      if (score > bestScore) {
        best = { subject, dns, udp, tcp };
        bestScore = score;
      }
    }
    return best!;
  }
}
