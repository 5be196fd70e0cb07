#!/usr/bin/env bash
# Refresh the vendored front-end assets (run by a developer, never by `make run`):
# the Amsterdam Design System CSS and design tokens (EUPL-1.2), and htmx (0BSD). Needs npm.
# The Amsterdam Sans font is not vendored: its licence reserves it for the City of Amsterdam,
# so pages fall back to the tokens' system font stack.
# Usage: scripts/vendor-assets.sh [ADS_CSS_VERSION] [ADS_TOKENS_VERSION] [HTMX_VERSION]
set -euo pipefail
css_version=${1:-4.5.0}
tokens_version=${2:-4.4.0}
htmx_version=${3:-2.0.11}
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/regie/core/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@amsterdam/design-system-css@$css_version" \
  "@amsterdam/design-system-tokens@$tokens_version" \
  "htmx.org@$htmx_version" >/dev/null
for f in *.tgz; do mkdir "${f%.tgz}" && tar -xzf "$f" -C "${f%.tgz}"; done
rm -rf "$dest/ads" "$dest/htmx"
mkdir -p "$dest/ads" "$dest/htmx"
cp amsterdam-design-system-css-*/package/dist/index.css "$dest/ads/design-system.css"
cp amsterdam-design-system-css-*/package/LICENSE.md "$dest/ads/LICENSE.md"
cp amsterdam-design-system-tokens-*/package/dist/index.css "$dest/ads/tokens.css"
cp htmx.org-*/package/dist/htmx.min.js "$dest/htmx/htmx.min.js"
cp htmx.org-*/package/LICENSE "$dest/htmx/LICENSE"
cat > "$dest/VERSIONS.txt" <<TXT
@amsterdam/design-system-css $css_version (EUPL-1.2)
@amsterdam/design-system-tokens $tokens_version (EUPL-1.2)
htmx.org $htmx_version (0BSD)
Refreshed with scripts/vendor-assets.sh
TXT
echo "Vendored into $dest"
