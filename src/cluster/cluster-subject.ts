/**
 * `ClusterPolicySubject`: the pods a ClusterNetworkPolicy applies to (`spec.subject`). Public.
 *
 * @module
 */
import { describePods } from './cnp-describe';
import { ClusterNetworkPolicySubjectManifest } from '../cluster-manifest';
import { checkInstance } from '../runtime-checks';
import { LabelSelector } from '../selectors';

const SELECTOR_HINT = "LabelSelector.labels({ 'kubernetes.io/metadata.name': 'shop' }), or LabelSelector.all()";

/**
 * The pods a `ClusterNetworkPolicy` applies to: every pod of some namespaces, or some pods of some
 * namespaces. Cluster-scoped policies select namespaces by their labels; to name a namespace, select
 * the `kubernetes.io/metadata.name` label the API server sets on every namespace.
 *
 * Host-networked pods are never selected (upstream leaves them out of ClusterNetworkPolicy subjects).
 * Values are immutable and can be shared between policies.
 */
export class ClusterPolicySubject {
  /**
   * Every pod of the namespaces matching `selector` (`subject.namespaces`).
   *
   * `ClusterPolicySubject.namespaces(LabelSelector.all())` selects every pod of the cluster.
   *
   * @param selector the labels of the namespaces; `LabelSelector.all()` for every namespace
   */
  public static namespaces(selector: LabelSelector): ClusterPolicySubject {
    checkInstance(selector, LabelSelector, 'ClusterPolicySubject.namespaces()', 'selector', SELECTOR_HINT);
    return new ClusterPolicySubject(selector, undefined);
  }

  /**
   * The pods matching `pods` in the namespaces matching `namespaces` (`subject.pods`): a pod must match both.
   *
   * @param namespaces the labels of the namespaces; `LabelSelector.all()` for every namespace
   * @param pods the labels of the pods; `LabelSelector.all()` for every pod of those namespaces
   */
  public static pods(namespaces: LabelSelector, pods: LabelSelector): ClusterPolicySubject {
    checkInstance(namespaces, LabelSelector, 'ClusterPolicySubject.pods()', 'namespaces', SELECTOR_HINT);
    checkInstance(pods, LabelSelector, 'ClusterPolicySubject.pods()', 'pods', "LabelSelector.labels({ app: 'web' }), or LabelSelector.all()");
    return new ClusterPolicySubject(namespaces, pods);
  }

  /** The namespaces whose pods are selected. */
  public get namespaceSelector(): LabelSelector {
    return this.state.namespaces;
  }

  /** The pods selected within those namespaces; undefined when every pod of them is (`ClusterPolicySubject.namespaces()`). */
  public get podSelector(): LabelSelector | undefined {
    return this.state.pods;
  }

  // Subjects are shared between policies: the properties above are getters over this frozen state.
  private readonly state: Readonly<{ namespaces: LabelSelector; pods?: LabelSelector }>;
  private readonly manifest: ClusterNetworkPolicySubjectManifest;

  private constructor(namespaces: LabelSelector, pods: LabelSelector | undefined) {
    this.state = Object.freeze({ namespaces, pods });
    // The selectors' manifests are frozen and shared; this wraps them once.
    this.manifest = Object.freeze(pods === undefined
      ? { namespaces: namespaces._toManifest() }
      : { pods: Object.freeze({ namespaceSelector: namespaces._toManifest(), podSelector: pods._toManifest() }) });
  }

  /** A readable form, e.g. `every pod in every namespace` or `pods app=web in namespace shop`. */
  public toString(): string {
    return describePods(this.state.namespaces, this.state.pods);
  }

  /**
   * The `spec.subject` manifest: built once, frozen (synthesis copies it).
   * @internal
   */
  public _toManifest(): ClusterNetworkPolicySubjectManifest {
    return this.manifest;
  }
}
