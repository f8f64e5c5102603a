import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AdminAllowMonitoring, AdminDenyMetadata, AllowDns, AllowFrom, BaselineNamespaceIsolation, DefaultDeny, LabelSelector, Namespaces, Peer, Port,
} from '../src';

/**
 * A platform team's guardrails, which namespace owners cannot override, beside the owners' own policies:
 * - baseline: namespaces shop and billing are isolated from each other (a NetworkPolicy in a namespace can
 *   still let others in), DNS kept;
 * - admin: monitoring may always scrape, whatever a namespace's default deny says;
 * - admin: no pod reaches the cloud metadata address.
 * The owners of shop deny everything, allow DNS, and let billing call their api; billing has no policies of its own.
 */
export class GuardrailsChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new BaselineNamespaceIsolation(this, 'isolate', { namespaces: ['shop', 'billing'] });
    new AdminAllowMonitoring(this, 'monitoring', { monitoringNamespace: 'monitoring', ports: [Port.tcp(9090)] });
    new AdminDenyMetadata(this, 'metadata');

    // The namespace owners' policies: shop denies all, allows DNS, then lets billing call its api.
    new DefaultDeny(this, 'shop-deny', { metadata: { namespace: 'shop', name: 'deny-all' } });
    new AllowDns(this, 'shop-dns', { metadata: { namespace: 'shop', name: 'allow-dns' } });
    new AllowFrom(this, 'shop-api-from-billing', {
      metadata: { namespace: 'shop', name: 'api-from-billing' },
      description: 'Billing calls the shop api on TCP 8080.',
      podSelector: LabelSelector.labels({ app: 'api' }),
      peers: [Peer.pods(LabelSelector.labels({ app: 'payments' }), Namespaces.named(['billing']))],
      ports: [Port.tcp(8080)],
    });

    const namespace = (name: string) => new ApiObject(this, `ns-${name}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    const deployment = (ns: string, name: string, port: number) => new ApiObject(this, `${ns}-${name}`, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns },
      spec: {
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name, image: `example/${name}:1.0`, ports: [{ containerPort: port }, { containerPort: 9090, name: 'metrics' }] }] },
        },
      },
    });
    for (const ns of ['shop', 'billing', 'monitoring', 'kube-system']) namespace(ns);
    deployment('shop', 'web', 80);
    deployment('shop', 'api', 8080);
    deployment('billing', 'payments', 8443);
    deployment('monitoring', 'prometheus', 9090);
    new ApiObject(this, 'coredns', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: { containers: [{ name: 'coredns', image: 'coredns/coredns:1.11', ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53 }] }] },
        },
      },
    });
  }
}
