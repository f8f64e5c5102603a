import { App } from 'cdk8s';
import { SeedChart, ThreeTierChart, WorkloadsChart } from './charts';
import { SockShopChart } from './sock-shop';

// `cdk8s synth` runs this file: one YAML file per chart in dist/.
const app = new App();
new SeedChart(app, 'seed');
new ThreeTierChart(app, 'three-tier');
new WorkloadsChart(app, 'workloads');
new SockShopChart(app, 'sock-shop');
app.synth();
