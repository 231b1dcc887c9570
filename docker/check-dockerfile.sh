#!/usr/bin/env bash
# No Docker engine runs on the build machines, so the image cannot be built there. This checks the
# next best thing: every source path the Dockerfile COPYs exists after `./mvnw package`.
# Usage: docker/check-dockerfile.sh [Dockerfile]   (from the project root)
set -euo pipefail
dockerfile=${1:-docker/Dockerfile.jvm}
status=0
while read -r source; do
  # shellcheck disable=SC2086 # the glob in a COPY source must expand
  if ! compgen -G "$source" >/dev/null; then
    echo "missing: $source (COPY in $dockerfile)"
    status=1
  else
    echo "ok: $source"
  fi
done < <(grep -E '^COPY ' "$dockerfile" | sed -E 's/^COPY( --[^ ]+)* //' | awk '{print $1}')
exit $status
