#!/usr/bin/env bash
# `npm start`: builds the product and shows it working on the sample manifests. Opening it in a
# real VS Code (code-server) with a local cluster is added by the e2e work; until then this
# prints how to use what is built.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -b
node scripts/bundle.mjs
npm run -s package > /dev/null
echo
echo "Built dist/extension.js, dist/server.js, dist/cli.js and dist/endpointslices.vsix."
echo
echo "The CLI on the sample manifests (samples/):"
echo
node dist/cli.js samples/ || true
cat <<MSG

Next steps:
  - Install in VS Code:   code --install-extension dist/endpointslices.vsix, then open samples/
  - Other editors:        node dist/server.js --stdio   (LSP over stdio)
  - CI:                   node dist/cli.js --format sarif path/to/manifests
MSG
