import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, LabelSelector, Peer, Port } from '../src';

/**
 * The Sock Shop's policies written with the per-direction constructs, as one had to before ServiceGraph:
 * every call twice (ingress at the callee, egress at the caller), plus isolation and DNS per workload.
 * Not synthesized by the examples app; a test proves it allows exactly what `SockShopChart`'s one
 * ServiceGraph allows, and compares their length.
 */
export class SockShopTwoSidedChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'sock-shop' });
    const pods = (name: string) => LabelSelector.labels({ name });
    const from = (...names: string[]) => names.map((n) => Peer.pods(pods(n)));
    const workloads = ['front-end', 'catalogue', 'catalogue-db', 'carts', 'carts-db', 'orders', 'orders-db',
      'payment', 'shipping', 'queue-master', 'rabbitmq', 'user', 'user-db'];
    for (const name of workloads) {
      new DefaultDeny(this, `${name}-deny`, { podSelector: pods(name) });
      new AllowDns(this, `${name}-dns`, { podSelector: pods(name) });
    }
    // Ingress at each callee.
    new AllowFrom(this, 'front-end-in', { podSelector: pods('front-end'), peers: [Peer.anyone()], ports: [Port.tcp(8079)] });
    new AllowFrom(this, 'catalogue-in', { podSelector: pods('catalogue'), peers: from('front-end'), ports: [Port.HTTP] });
    new AllowFrom(this, 'catalogue-db-in', { podSelector: pods('catalogue-db'), peers: from('catalogue'), ports: [Port.MYSQL] });
    new AllowFrom(this, 'carts-in', { podSelector: pods('carts'), peers: from('front-end', 'orders'), ports: [Port.HTTP] });
    new AllowFrom(this, 'carts-db-in', { podSelector: pods('carts-db'), peers: from('carts'), ports: [Port.MONGODB] });
    new AllowFrom(this, 'orders-in', { podSelector: pods('orders'), peers: from('front-end'), ports: [Port.HTTP] });
    new AllowFrom(this, 'orders-db-in', { podSelector: pods('orders-db'), peers: from('orders'), ports: [Port.MONGODB] });
    new AllowFrom(this, 'payment-in', { podSelector: pods('payment'), peers: from('orders'), ports: [Port.HTTP] });
    new AllowFrom(this, 'shipping-in', { podSelector: pods('shipping'), peers: from('orders'), ports: [Port.HTTP] });
    new AllowFrom(this, 'rabbitmq-in', { podSelector: pods('rabbitmq'), peers: from('shipping', 'queue-master'), ports: [Port.AMQP] });
    new AllowFrom(this, 'user-in', { podSelector: pods('user'), peers: from('front-end', 'orders'), ports: [Port.HTTP] });
    new AllowFrom(this, 'user-db-in', { podSelector: pods('user-db'), peers: from('user'), ports: [Port.MONGODB] });
    // Egress at each caller: the same calls again, grouped by the callee's port.
    new AllowTo(this, 'front-end-out', { podSelector: pods('front-end'), peers: from('catalogue', 'carts', 'orders', 'user'), ports: [Port.HTTP] });
    new AllowTo(this, 'catalogue-out', { podSelector: pods('catalogue'), peers: from('catalogue-db'), ports: [Port.MYSQL] });
    new AllowTo(this, 'carts-out', { podSelector: pods('carts'), peers: from('carts-db'), ports: [Port.MONGODB] });
    new AllowTo(this, 'orders-out', { podSelector: pods('orders'), peers: from('carts', 'user', 'payment', 'shipping'), ports: [Port.HTTP] });
    new AllowTo(this, 'orders-db-out', { podSelector: pods('orders'), peers: from('orders-db'), ports: [Port.MONGODB] });
    new AllowTo(this, 'user-out', { podSelector: pods('user'), peers: from('user-db'), ports: [Port.MONGODB] });
    new AllowTo(this, 'shipping-out', { podSelector: pods('shipping'), peers: from('rabbitmq'), ports: [Port.AMQP] });
    new AllowTo(this, 'queue-master-out', { podSelector: pods('queue-master'), peers: from('rabbitmq'), ports: [Port.AMQP] });
  }
}
