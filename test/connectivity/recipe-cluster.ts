/**
 * The fixed small cluster every recipe's truth table is judged on.
 *
 * Namespaces: default, prod (purpose=production), other, operations (team=operations), kube-system.
 * Pods of namespace default are the recipes' applications; the other namespaces hold clients, a
 * monitoring pod in and outside `operations`, a bookstore pod outside `default`, the real kube-dns
 * and a fake one (kube-dns labels in the wrong namespace).
 */
import { App, Chart } from 'cdk8s';
import { FlowRow, truthTable } from './truth-table';
import { INTERNET } from './workloads';
import { Connectivity, NetworkModel, Protocol } from '../../src';

export { INTERNET };

/** A public DNS resolver outside the cluster (TEST-NET-2). */
export const EXTERNAL_DNS = '198.51.100.53';

const DNS_PORTS = [
  { port: 53, name: 'dns', protocol: Protocol.UDP },
  { port: 53, name: 'dns-tcp', protocol: Protocol.TCP },
];

/** The cluster, without policies. */
export function recipeCluster(): NetworkModel {
  const model = new NetworkModel();
  model.addNamespace('default');
  model.addNamespace('prod', { purpose: 'production' });
  model.addNamespace('other');
  model.addNamespace('operations', { team: 'operations' });
  model.addNamespace('kube-system');

  model.addPod({ namespace: 'default', name: 'web', labels: { app: 'web' }, ports: [{ port: 80, name: 'http' }] });
  // The API serves on 8080 and exposes metrics on 5000 (recipe 09).
  model.addPod({
    namespace: 'default',
    name: 'api',
    labels: { app: 'bookstore', role: 'api' },
    ports: [{ port: 8080, name: 'http' }, { port: 5000, name: 'metrics' }],
  });
  model.addPod({ namespace: 'default', name: 'db', labels: { app: 'bookstore', role: 'db' }, ports: [{ port: 6379, name: 'redis' }] });
  model.addPod({ namespace: 'default', name: 'search', labels: { app: 'bookstore', role: 'search' }, ports: [{ port: 9200, name: 'http' }] });
  // Another application that also uses the bookstore's database (recipe 10).
  model.addPod({ namespace: 'default', name: 'catalog', labels: { app: 'inventory', role: 'catalog' }, ports: [{ port: 8080, name: 'http' }] });
  model.addPod({ namespace: 'default', name: 'foo', labels: { app: 'foo' }, ports: [{ port: 8080, name: 'http' }] });
  model.addPod({ namespace: 'default', name: 'monitoring', labels: { role: 'monitoring', type: 'monitoring' } });

  model.addPod({ namespace: 'prod', name: 'client', labels: { app: 'client' } });

  model.addPod({ namespace: 'other', name: 'client', labels: { app: 'client' } });
  model.addPod({ namespace: 'other', name: 'bookstore', labels: { app: 'bookstore', role: 'search' } });
  model.addPod({ namespace: 'other', name: 'monitoring', labels: { role: 'monitoring', type: 'monitoring' } });
  model.addPod({ namespace: 'other', name: 'fake-dns', labels: { 'k8s-app': 'kube-dns' }, ports: DNS_PORTS });

  model.addPod({ namespace: 'operations', name: 'monitoring', labels: { role: 'monitoring', type: 'monitoring' } });
  model.addPod({ namespace: 'operations', name: 'logger', labels: { app: 'logger' } });

  model.addPod({ namespace: 'kube-system', name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' }, ports: DNS_PORTS });
  return model;
}

/** A recipe: its policies, written with the library's constructs, and its expected truth table. */
export interface Recipe {
  /** The recipe's number and title, and the variant when there is one. */
  readonly title: string;
  /** Adds the recipe's policies to a chart of namespace `default`. */
  readonly policies: (chart: Chart) => void;
  /** The policies the chart must hold, as `namespace/name` (the recipe's policy names). */
  readonly names: readonly string[];
  readonly rows: readonly FlowRow[];
}

/** The cluster plus the policies `policies` adds to a chart of namespace `default`. */
export function recipeModel(policies: (chart: Chart) => void): NetworkModel {
  const chart = new Chart(new App(), 'recipe', { namespace: 'default' });
  policies(chart);
  const model = recipeCluster();
  model.addChart(chart);
  return model;
}

/** Declares a recipe's tests: the policy names it writes, then one test per row of its truth table. */
export function describeRecipe(recipe: Recipe): void {
  describe(recipe.title, () => {
    test(`writes ${recipe.names.join(', ')}`, () => {
      expect(recipeModel(recipe.policies).policies).toEqual(recipe.names);
    });
    truthTable(() => Connectivity.of(recipeModel(recipe.policies)), recipe.rows);
  });
}
