import { App } from 'cdk8s';
import { SeedChart, ThreeTierChart, WorkloadsChart } from './charts';
import { GuardrailsChart } from './guardrails';
import { SockShopChart } from './sock-shop';

// `cdk8s synth` runs this file: one YAML file per chart in dist/.
const app = new App();
new SeedChart(app, 'seed');
new ThreeTierChart(app, 'three-tier');
new WorkloadsChart(app, 'workloads');
new SockShopChart(app, 'sock-shop');
app.synth();

// ClusterNetworkPolicy guardrails beside namespace owners' policies, in their own folder, so that the
// reports on dist/ stay about NetworkPolicies alone.
const cluster = new App({ outdir: `${process.env.CDK8S_OUTDIR ?? 'dist'}-cluster` });
new GuardrailsChart(cluster, 'guardrails');
cluster.synth();
