#!/bin/sh
# What would this rules folder change for recent leads? Posts DIR (zipped, as a whole) to
# POST /api/v1/rules/simulate of a running service and prints the impact. Writes nothing there and
# never changes its live rules.
#
#   bin/simulate.sh DIR [LAST]        LAST: how many recent decisions to replay (default: the service's, 1000)
#
# Environment: ADVISOR_URL (default http://localhost:8080), ADVISOR_ADMIN_TOKEN (required).
# Needs python3 only (Debian: apt-get install python3); no zip, curl or jq.
set -eu
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 RULES_DIR [LAST]   (with ADVISOR_ADMIN_TOKEN set; ADVISOR_URL defaults to http://localhost:8080)" >&2
    exit 2
fi
if [ -z "${ADVISOR_ADMIN_TOKEN:-}" ]; then
    echo "$0: set ADVISOR_ADMIN_TOKEN to the service's advisor.admin-token" >&2
    exit 2
fi
command -v python3 >/dev/null 2>&1 || { echo "$0: python3 is needed (apt-get install python3)" >&2; exit 2; }
exec python3 - "$1" "${2:-}" <<'PY'
import io, json, os, sys, urllib.error, urllib.parse, urllib.request, zipfile

folder, last = sys.argv[1], sys.argv[2]
archive = io.BytesIO()
with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = os.path.join(root, name)
                z.write(path, os.path.relpath(path, folder).replace(os.sep, "/"))
url = os.environ.get("ADVISOR_URL", "http://localhost:8080").rstrip("/") + "/api/v1/rules/simulate"
if last:
    url += "?" + urllib.parse.urlencode({"last": last})
request = urllib.request.Request(url, data=archive.getvalue(), method="POST", headers={
    "Content-Type": "application/zip", "Accept": "application/json",
    "Authorization": "Bearer " + os.environ["ADVISOR_ADMIN_TOKEN"]})
try:
    with urllib.request.urlopen(request, timeout=120) as response:
        impact = json.load(response)
except urllib.error.HTTPError as e:
    problem = e.read().decode("utf-8", "replace")
    try:
        problem = json.loads(problem).get("detail", problem)
    except ValueError:
        pass
    print("%s %d: %s" % (url, e.code, problem), file=sys.stderr)
    sys.exit(1)
except urllib.error.URLError as e:
    print("%s: %s" % (url, e.reason), file=sys.stderr)
    sys.exit(1)
print(json.dumps(impact, indent=2, ensure_ascii=False))
compared, changed = impact["compared"], impact["changed"]
share = " (%.1f%%)" % (100.0 * changed / compared) if compared else ""
print("%d of %d recent decisions would change their first product%s" % (changed, compared, share), file=sys.stderr)
for old, news in impact["matrix"].items():
    for new, count in news.items():
        if old != new:
            print("  %s -> %s: %d" % (old, new, count), file=sys.stderr)
PY
