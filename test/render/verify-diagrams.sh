#!/usr/bin/env bash
# Proves the diagrams are valid with the real tools, outside jest (which pins them by snapshot and
# structure only):
#   - Graphviz renders every DOT diagram to SVG, with the expected nodes, classes, clusters and edges;
#   - the mermaid library (under jsdom in Node) parses every Mermaid diagram, and its own model of it
#     has the expected nodes, shapes, labels, classes, subgraphs and edges.
# The diagrams cover the three-tier example, every shape of rule, names that need escaping, an empty
# model, a title, and the CLI's own output.
#
# Needs: node and the repository's dev dependencies (ts-node); Graphviz `dot` (Debian: apt-get install -y
# graphviz); the npm packages mermaid and jsdom in a folder OUTSIDE the repository, DIAGRAM_TOOLS
# (default: $TMPDIR/cdk8s-netpol-diagram-tools), installed there on first use unless
# DIAGRAM_TOOLS_NO_INSTALL=1.
#
# Usage: test/render/verify-diagrams.sh     (exit 0 valid, 1 a diagram is invalid, 2 a tool is missing)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${DIAGRAM_TOOLS:-${TMPDIR:-/tmp}/cdk8s-netpol-diagram-tools}"
MERMAID_VERSION="${MERMAID_VERSION:-11.17.2}"
JSDOM_VERSION="${JSDOM_VERSION:-29.1.1}"

if ! command -v dot >/dev/null 2>&1; then
  echo "verify-diagrams: Graphviz 'dot' is missing (Debian: apt-get install -y graphviz)" >&2
  exit 2
fi
case "$(cd "$(dirname "$TOOLS")" 2>/dev/null && pwd)/" in
  "$ROOT"/*) echo "verify-diagrams: DIAGRAM_TOOLS must be outside the repository" >&2; exit 2 ;;
esac
if [ ! -d "$TOOLS/node_modules/mermaid" ] || [ ! -d "$TOOLS/node_modules/jsdom" ]; then
  if [ "${DIAGRAM_TOOLS_NO_INSTALL:-}" = "1" ]; then
    echo "verify-diagrams: mermaid and jsdom are missing in $TOOLS (npm install --prefix \"$TOOLS\" mermaid@$MERMAID_VERSION jsdom@$JSDOM_VERSION)" >&2
    exit 2
  fi
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"name":"cdk8s-netpol-diagram-tools","private":true}' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent "mermaid@$MERMAID_VERSION" "jsdom@$JSDOM_VERSION" >&2
fi

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
cd "$ROOT"
node -r ts-node/register/transpile-only test/render/verify-diagrams.ts "$OUT"
node test/render/verify-diagrams.mjs "$OUT" "$TOOLS"
