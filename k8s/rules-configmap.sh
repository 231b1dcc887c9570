#!/usr/bin/env bash
# Writes the ConfigMap that carries a rules directory to Kubernetes, as YAML on stdout.
# A ConfigMap key cannot hold '/', so i18n/messages_en.properties becomes i18n__messages_en.properties;
# the service reads '__' as '/'.
#
#   k8s/rules-configmap.sh rules | kubectl apply -f -
#
# Pods see the change within about a minute (the kubelet's sync), and the service takes it within
# advisor.rules.watch-interval after that, once it compiles and passes its scenarios.
set -euo pipefail
dir=${1:-rules}
name=${2:-wechat-advisor-rules}
args=()
while IFS= read -r -d '' file; do
  relative=${file#"$dir"/}
  args+=("--from-file=${relative//\//__}=$file")
done < <(find "$dir" -type f \( -name '*.drl' -o -name '*.properties' -o -name '*.json' \) -print0 | sort -z)
kubectl create configmap "$name" "${args[@]}" --dry-run=client -o yaml
