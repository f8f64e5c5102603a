/**
 * The help texts: one for the tool, one per command. `--help` prints them on stdout; a usage error
 * is one line on stderr that says where they are.
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

PATH arguments are files or folders (searched recursively for *.yaml, *.yml and *.json), or - for
standard input (kubectl get netpol,pods,ns -A -o yaml | cdk8s-netpol matrix -). Every *List is read as
the API server returns it. Pods come from Pod manifests (a cluster snapshot: status.podIP gives their
addresses, owner references their workload) and from the pod templates of Deployments, StatefulSets,
DaemonSets, ReplicaSets, Jobs, CronJobs and ReplicationControllers; namespace labels from Namespaces;
Services from Services. Other kinds are skipped, and said so on one "note:" line of stderr.

Policies alone are enough: without workloads, the pods the policies tell apart are judged, named by
their labels (three-tier/[tier=frontend]); with workloads, --exposure adds those the workloads do not
cover. An endpoint is namespace/name, namespace/key=value[,key=value...] (a pod with exactly those
labels), a representative's id, namespace/Service/name (or a Service's ClusterIP), or an IP address.
Input without any NetworkPolicy has nothing to judge: exit 2.

Exit codes: 0 success, 1 an expectation failed (check), lint found errors (lint) or a connection changed
(diff --exit-code), 2 invalid usage or input.
`;

export const CHECK_USAGE = `Usage: cdk8s-netpol check PATH... --expect FILE [--output text|json]

Checks a list of expected connections against the NetworkPolicies in PATH.

FILE (YAML or JSON) is a list of expectations:
  - from: shop/frontend      # namespace/name, namespace/key=value[,...], namespace/Service/name, or an IP address
    to: shop/app=api
    port: 8080               # a number, or a named container port of the destination (or a Service port)
    protocol: TCP            # TCP (default), UDP or SCTP
    allowed: true
  - from: { namespace: ops, labels: { app: prometheus }, namespaceLabels: { team: ops } }
    to: shop/app=api
    port: 9090
    allowed: false

Options:
  -e, --expect FILE   the expectations (required)
  --exposure          also judge the pods the workloads do not cover
  -o, --output FMT    text (default) or json
  --max-file-size N   the largest file read, in bytes or with K, M or G (default 256M)
  -h, --help          show this help

Exit codes: 0 every expectation holds, 1 at least one fails, 2 invalid usage or input.
`;

export const VALIDATE_USAGE = `Usage: cdk8s-netpol validate PATH... [--output text|json] [--strict]

Validates every NetworkPolicy in PATH with the checks the Kubernetes API server makes, plus unknown
fields. A CIDR with host bits set (10.0.0.1/24) is a warning.

Options:
  --strict            treat a CIDR with host bits set as an error
  -o, --output FMT    text (default) or json
  --max-file-size N   the largest file read, in bytes or with K, M or G (default 256M)
  -h, --help          show this help

Exit codes: 0 valid (warnings allowed), 2 invalid policies, invalid usage or unreadable input.
`;

export const EXPLAIN_USAGE = `Usage: cdk8s-netpol explain PATH... --from X --to Y --port P [--protocol TCP|UDP|SCTP] [--output text|json]

Explains whether a connection is allowed: the policies isolating each end, the rules that allow it,
or why no rule matched, the nearest misses (rules that miss only the peer or only the port) first.
An unknown endpoint is an error naming the closest known ones.

Options:
  --from X            namespace/name of a pod or workload, namespace/key=value[,...] of a pod with those
                      labels, a representative's id, or an IP address (required)
  --to Y              written like --from, or namespace/Service/name (a Service, judged on the pods it
                      selects at its target port) (required)
  --port P            a port number, or a named container port of the destination (required)
  --protocol P        TCP (default), UDP or SCTP
  --exposure          also judge the pods the workloads do not cover
  -o, --output FMT    text (default) or json
  --max-file-size N   the largest file read, in bytes or with K, M or G (default 256M)
  -h, --help          show this help

Exit codes: 0 answered (allowed or denied), 2 invalid usage or input, or an unknown endpoint.
`;

export const MATRIX_USAGE = `Usage: cdk8s-netpol matrix PATH... [--port P]... [--protocol TCP|UDP|SCTP] [--namespace NS]... [--output text|json|csv|md]

Prints which endpoints can open connections to which, and on which ports: the workloads (or, for policies
alone, the pods the policies tell apart), and the address blocks the policies name. Every port of every
protocol is judged, unless --port names some. JSON and CSV name each endpoint and each set of sources
once, and list only the allowed connections, by index.

Options:
  --port P            a port to check (repeat for several); default: every port of every protocol
  --protocol P        the protocol of the --port ports (TCP by default); without --port, only this protocol
  -n, --namespace NS  only the endpoints of this namespace (repeat for several)
  --exposure          also judge the pods the workloads do not cover
  -o, --output FMT    text (default), json, csv or md
  --max-file-size N   the largest file read, in bytes or with K, M or G (default 256M)
  -h, --help          show this help

Exit codes: 0 printed, 2 invalid usage or input.
`;
