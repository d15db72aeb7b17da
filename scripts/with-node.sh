#!/bin/sh
# Runs a command with Node.js >= 22.12 (Astro 7 needs it): the system's Node when new enough,
# otherwise Node 24 from the npm registry, installed once into .node/ — so `npm start` and
# `npm test` work on a machine whose Node is older.
set -e
cd "$(dirname "$0")/.."
new_enough() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}
if ! new_enough; then
  if [ ! -x .node/node_modules/.bin/node ]; then
    echo "Node $(node --version 2>/dev/null || echo '(none)') is older than 22.12: installing Node 24 into .node/ (once)…" >&2
    npm install --prefix .node --no-save --no-audit --no-fund --loglevel=error node@24 >&2
  fi
  PATH="$PWD/.node/node_modules/.bin:$PATH"
  export PATH
fi
exec "$@"
