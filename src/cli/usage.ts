/**
 * The help texts: one for the tool, one per command. `--help` prints them on stdout; a usage error
 * prints them on stderr after the message.
 *
 * @module
 */

export const TOOL_USAGE = `Usage: cdk8s-netpol <command> [options]

Understand and test Kubernetes NetworkPolicies from manifests (YAML or JSON files and folders).

Commands:
  check     check expected connections against the policies (exit 1 when one does not hold)
  validate  validate every NetworkPolicy as the API server would
  explain   explain why one connection is allowed or denied
  matrix    print which workloads can reach which, per port
  lint      find policy mistakes by what they do, e.g. pods that lose DNS (exit 1 on errors)
  diagram   draw the allowed connections as a Mermaid or Graphviz (DOT) diagram
  diff      report the connections a change adds and removes (OLD NEW)

Options:
  -h, --help     show this help (or "cdk8s-netpol <command> --help")
  -V, --version  print the version

PATH arguments are files or folders; folders are searched recursively for *.yaml, *.yml and *.json.
Pods are read from Pod manifests (a cluster snapshot: status.podIP gives their addresses) and from the
pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs; namespace
labels from Namespace manifests.

Exit codes: 0 success, 1 an expectation failed (check) or lint found errors (lint), 2 invalid usage or input.
`;

export const CHECK_USAGE = `Usage: cdk8s-netpol check PATH... --expect FILE [--output text|json]

Checks a list of expected connections against the NetworkPolicies in PATH.

FILE (YAML or JSON) is a list of expectations:
  - from: shop/frontend      # namespace/name of a pod or workload, or an IP address
    to: shop/api
    port: 8080               # a number, or a named container port of the destination
    protocol: TCP            # TCP (default), UDP or SCTP
    allowed: true

Options:
  -e, --expect FILE   the expectations (required)
  -o, --output FMT    text (default) or json
  -h, --help          show this help

Exit codes: 0 every expectation holds, 1 at least one fails, 2 invalid usage or input.
`;

export const VALIDATE_USAGE = `Usage: cdk8s-netpol validate PATH... [--output text|json] [--strict]

Validates every NetworkPolicy in PATH with the checks the Kubernetes API server makes, plus unknown
fields. A CIDR with host bits set (10.0.0.1/24) is a warning.

Options:
  --strict            treat a CIDR with host bits set as an error
  -o, --output FMT    text (default) or json
  -h, --help          show this help

Exit codes: 0 valid (warnings allowed), 2 invalid policies, invalid usage or unreadable input.
`;

export const EXPLAIN_USAGE = `Usage: cdk8s-netpol explain PATH... --from X --to Y --port P [--protocol TCP|UDP|SCTP] [--output text|json]

Explains whether a connection is allowed: the policies isolating each end, the rules that allow it,
or why no rule matched.

Options:
  --from X            namespace/name of a pod or workload, or an IP address (required)
  --to Y              namespace/name of a pod or workload, or an IP address (required)
  --port P            a port number, or a named container port of the destination (required)
  --protocol P        TCP (default), UDP or SCTP
  -o, --output FMT    text (default) or json
  -h, --help          show this help

Exit codes: 0 answered (allowed or denied), 2 invalid usage or input, or an unknown endpoint.
`;

export const MATRIX_USAGE = `Usage: cdk8s-netpol matrix PATH... [--port P]... [--protocol TCP|UDP|SCTP] [--output text|json|csv|md]

Prints which workloads can open connections to which, for each port.

Options:
  --port P            a port to check (repeat for several); default: every port the workloads declare
  --protocol P        the protocol of the --port ports: TCP (default), UDP or SCTP
  -o, --output FMT    text (default), json, csv or md
  -h, --help          show this help

Exit codes: 0 printed, 2 invalid usage or input.
`;
