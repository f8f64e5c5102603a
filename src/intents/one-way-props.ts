import { Peer } from '../peers';
import { Port } from '../ports';
import { checkInstance, checkInstances, checkProps, fail } from '../runtime-checks';
import { LabelSelector } from '../selectors';

/** The props of a one-direction policy (`AllowFrom`, `AllowTo`), as an untyped caller may pass them. */
interface OneWayProps {
  readonly podSelector?: unknown;
  readonly peers?: unknown;
  readonly ports?: unknown;
}

/**
 * Checks the props an untyped caller gave `AllowFrom` or `AllowTo`: the required ones present, none
 * unknown (metadata and description are checked by NetworkPolicy). `everyone` names what `Peer.anyone()`
 * stands for on that side: `every source` or `every destination`.
 *
 * @internal
 */
export function checkOneWayProps(props: OneWayProps | undefined, where: string, everyone: string): void {
  if (props === undefined) {
    fail(where, 'props are required: { podSelector, peers, ports?, metadata?, description? }');
  }
  checkProps(props, where, 'props', ['metadata', 'podSelector', 'peers', 'ports', 'description'], 'property');
  if (props.podSelector === undefined) {
    fail(where, "podSelector is required: a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all() for every pod)");
  }
  checkInstance(props.podSelector, LabelSelector, where, 'podSelector', "LabelSelector.labels({ app: 'web' }), or LabelSelector.all() for every pod");
  if (props.peers === undefined) {
    fail(where, 'peers is required: a list of Peer values (Peer.pods(...), Peer.ipv4(...), ...; Peer.anyone() for everyone)');
  }
  checkInstances(props.peers, Peer, where, 'peers', `Peer.pods(...), Peer.ipv4(...), ...; Peer.anyone() for ${everyone}`);
  if (props.ports !== undefined) checkInstances(props.ports, Port, where, 'ports', 'Port.tcp(8080), ...');
}
