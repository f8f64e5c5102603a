/**
 * Whether pods can resolve names: each pod (or, when the model has no workloads, a stand-in for the pods
 * each policy selects) judged by the evaluator against the cluster DNS pods on UDP and TCP. The DNS pods
 * are the model's own when it has them (so policies isolating them count too), else a stand-in pod with
 * the DNS labels in the DNS namespace. Internal.
 *
 * @module
 */
import { DnsSettings } from './lint-context';
import { PodEnd } from '../analysis/endpoints';
import { Evaluator, Verdict } from '../analysis/evaluator';
import { ClusterModel, ModelEndpoint } from '../analysis/model';
import { Labels, NormalizedSelector, describeLabels } from '../analysis/selector-match';
import { WorkloadKind } from '../analysis/workload-kind';
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
  /** Index in the DNS evaluator (equal to the model's index for real endpoints). */
  readonly index: number;
  /** Real workload: its id. Stand-in: undefined. */
  readonly workload?: string;
  /** For a stand-in: the index of the policy whose selected pods it stands for. */
  readonly standsForPolicy?: number;
  /** `production/backend`, or `the pods production/backend-policy selects (tier=backend)`. */
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

const STAND_IN_DNS_NAME = 'cluster-dns';

export class DnsReachability {
  public readonly target: ClusterDnsPods;
  /** The evaluator DNS is judged with: the model's, plus the stand-ins. */
  public readonly evaluator: Evaluator;
  /** True when the model has no DNS pods and a stand-in is used. */
  public readonly standIn: boolean;
  /** The DNS pods' ids (or the stand-in's description). */
  public readonly dnsLabel: string;
  public readonly outcomes: readonly DnsOutcome[];

  constructor(cluster: ClusterModel, evaluator: Evaluator, target: ClusterDnsPods) {
    this.target = target;
    const realDns = evaluator.endpoints.map((_, i) => i).filter((i) => target.matches(evaluator.endpoints[i]));
    const workloadsKnown = evaluator.endpoints.length > 0;
    this.standIn = realDns.length === 0;

    let dnsEvaluator = evaluator;
    const subjects: DnsSubject[] = [];
    if (this.standIn || !workloadsKnown) {
      const copy = copyCluster(cluster);
      const standIns: Array<{ endpoint: ModelEndpoint; policy: number }> = [];
      if (!workloadsKnown) {
        // No pods known: judge one stand-in for the pods each policy selects.
        evaluator.policies.forEach((policy, i) => {
          const labels = labelsSatisfying(policy.model.policy.podSelector);
          if (!labels) return;
          standIns.push({
            policy: i,
            endpoint: { namespace: policy.model.namespace, name: `~pods-of-${policy.model.name}`, kind: WorkloadKind.POD, labels, ports: [], ips: [], ipTexts: [] },
          });
        });
        standIns.forEach((s) => copy.addEndpoint(s.endpoint));
      }
      if (this.standIn) {
        copy.addEndpoint({
          namespace: target.namespace,
          name: STAND_IN_DNS_NAME,
          kind: WorkloadKind.POD,
          labels: { ...target.podLabels },
          ports: [
            { port: target.port, name: 'dns', protocol: Protocol.UDP },
            { port: target.port, name: 'dns-tcp', protocol: Protocol.TCP },
          ],
          ips: [],
          ipTexts: [],
        });
      }
      dnsEvaluator = Evaluator.fromModel(copy);
      const base = evaluator.endpoints.length;
      standIns.forEach((s, k) => {
        const index = base + k;
        // A selector no labels can satisfy selects nothing: there is no pod to judge.
        if (!dnsEvaluator.selectedEndpoints(s.policy).includes(index)) return;
        const policy = evaluator.policies[s.policy];
        const labels = describeLabels(s.endpoint.labels);
        subjects.push({ index, standsForPolicy: s.policy, label: `the pods ${policy.id} selects${labels === 'no labels' ? '' : ` (${labels})`}` });
      });
    }
    this.evaluator = dnsEvaluator;
    const dnsIndices = this.standIn ? [dnsEvaluator.endpoints.length - 1] : realDns;
    this.dnsLabel = this.standIn ? `the cluster DNS (${target.pods})` : dnsIndices.map((i) => dnsEvaluator.resolver.ids[i]).join(', ');

    if (workloadsKnown) {
      evaluator.endpoints.forEach((endpoint, index) => {
        if (target.matches(endpoint)) return;
        subjects.push({ index, workload: evaluator.resolver.ids[index], label: evaluator.resolver.ids[index] });
      });
    }
    this.outcomes = subjects.map((subject) => this.judge(subject, dnsIndices));
  }

  private judge(subject: DnsSubject, dnsIndices: readonly number[]): DnsOutcome {
    const from = this.evaluator.resolver.pod(subject.index);
    let best: DnsOutcome | undefined;
    let bestScore = -1;
    for (const d of dnsIndices) {
      const dns = this.evaluator.resolver.pod(d);
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

/** A copy of the model that stand-ins can be added to; real endpoints keep their indices. */
function copyCluster(source: ClusterModel): ClusterModel {
  const copy = new ClusterModel();
  const snapshot = source.snapshot();
  for (const ns of snapshot.namespaces) {
    if (ns.declared) copy.addNamespace(ns.name, ns.labels, ns.origin); else copy.ensureNamespace(ns.name);
  }
  snapshot.endpoints.forEach((e) => copy.addEndpoint(e));
  snapshot.policies.forEach((p) => copy.addPolicy(p));
  return copy;
}

/** Labels that satisfy the selector, or undefined when it is contradictory. */
function labelsSatisfying(selector: NormalizedSelector): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const [key, value] of selector.matchLabels) labels[key] = value;
  for (const r of selector.expressions) {
    if (r.operator !== 'In') continue;
    if (hasKey(labels, r.key)) {
      if (!r.values.includes(labels[r.key])) return undefined;
    } else if (r.values.length > 0) {
      labels[r.key] = r.values[0];
    }
  }
  for (const r of selector.expressions) {
    if (r.operator === 'Exists' && !hasKey(labels, r.key)) {
      const excluded = selector.expressions.filter((e) => e.key === r.key && e.operator === 'NotIn').flatMap((e) => e.values);
      let value = 'x';
      while (excluded.includes(value)) value += 'x';
      labels[r.key] = value;
    }
  }
  return labels;
}

function hasKey(labels: Record<string, string>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, k);
}
