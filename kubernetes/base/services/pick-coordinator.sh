#!/bin/sh
# Picks the coordinator this pod starts its LRAs at: one of the comma-separated URLs in
# $COORDINATORS, chosen by a hash of $POD_NAME (so the choice is stable for the pod's life and
# pods spread over all coordinators), written as quarkus.lra.coordinator-url to $OUTPUT.
# config_ordinal 275 puts it above the packaged application.properties (250) and below
# environment variables (300).
set -eu
: "${POD_NAME:?POD_NAME is not set}" "${COORDINATORS:?COORDINATORS is not set}" "${OUTPUT:?OUTPUT is not set}"
list=$(printf '%s\n' "$COORDINATORS" | tr ',' '\n' | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d')
count=$(printf '%s\n' "$list" | wc -l)
if [ "$count" -eq 0 ]; then
  echo "no coordinator in COORDINATORS" >&2
  exit 1
fi
hash=$(printf '%s' "$POD_NAME" | cksum | cut -d ' ' -f 1)
url=$(printf '%s\n' "$list" | sed -n "$((hash % count + 1))p")
mkdir -p "$(dirname "$OUTPUT")"
printf 'config_ordinal=275\nquarkus.lra.coordinator-url=%s\n' "$url" > "$OUTPUT"
echo "$POD_NAME starts its LRAs at $url"
