#!/usr/bin/env bash
# Install vaulttools as users do (a wheel, in a fresh venv) and run every command
# once on a copy of example-vault, import and export included. Called by `make test`.
# Any failure (missing module, missing template, traceback) fails the run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --upgrade pip
"$work/venv/bin/python" -m pip wheel --verbose --no-deps -w "$work/dist" "$repo" \
  > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
# The build (and so `pip install -e .`, which reads the same configuration) warns of
# nothing deprecated: the packaging is configured the current way.
if grep -i "deprecat" "$work/build.log"; then
  echo "wheel smoke: the build prints a deprecation warning (above)"; exit 1
fi
(cd "$work" && "$work/venv/bin/python" -m pip install --quiet "$work"/dist/vaulttools-*.whl)

cp -r "$repo/example-vault" "$work/vault"
export VAULTTOOLS_CACHE_DIR="$work/cache" XDG_RUNTIME_DIR="$work/runtime" \
  VAULTTOOLS_STATE_DIR="$work/state"
mkdir -p "$work/runtime"
vt() { (cd "$work" && "$work/venv/bin/vaulttools" --vault "$work/vault" --today 2026-11-21 "$@") >/dev/null; }
step() { echo "wheel smoke: $*"; vt "$@"; }

fixtures="$repo/tests/fixtures/import"
for args in \
    "check" "list" "list --json" "show jane" "due" "due --all --json" "review" "stats" \
    "match grid storage" "draft jane --occasion checkin" "plan --week" "index" "index --dry-run" \
    "log jane Smoke-test --via call" "log jane Quick --via coffee --no-follow-up" \
    "log jane Dinner --via dinner --with bob" "replied hiro" "timeline jane" \
    "remind jane 3w send the deck" "capture --status" \
    "intro jane priya Smoke-intro" "intros" "intros --json" "near london" \
    "draft jane --occasion thanks --link https://blog.example/1" \
    "update amara --group client --about Smoke-news" "update amara --about Smoke-news --sent" \
    "new Smoke_Person --group peer" \
    "snooze Smoke_Person --for 2w" "unsnooze Smoke_Person" "pause Smoke_Person" \
    "resume Smoke_Person" "archive Smoke_Person" "set cadence=2m Smoke_Person" \
    "review Smoke_Person --done" \
    "import linkedin $fixtures/linkedin_connections.csv" \
    "import vcard $fixtures/vcards" "import google $fixtures/google_current.csv" \
    "import linkedin $fixtures/linkedin_connections.csv --dry-run --json" \
    "review --unsorted" "uid" "uid --add --dry-run" "uid --add" \
    "export vcard -o $work/out.vcf" "export vcard --version 3.0 -o $work/out3.vcf" \
    "export ics -o $work/out.ics"; do
  # shellcheck disable=SC2086
  step $args
done
grep -q "BEGIN:VCARD" "$work/out.vcf" && grep -q "BEGIN:VCALENDAR" "$work/out.ics"
grep -q "VERSION:3.0" "$work/out3.vcf"
echo "wheel smoke: due remembers its answer once the notes are older than two seconds"
sleep 2.1
answer() { (cd "$work" && "$work/venv/bin/vaulttools" --vault "$work/vault" --today 2026-11-21 due); }
first=$(answer)
second=$(answer)
[ -n "$first" ] && [ "$first" = "$second" ]
ls "$work/cache/answers"/*/* >/dev/null
echo "wheel smoke: capture a Takeout-shaped mbox"
printf '\n[capture]\nme = ["me@example.com"]\n' >> "$work/vault/.vaulttools.toml"
sed 's/jane@acme.example/jane@example.com/I' "$repo/tests/fixtures/capture/takeout.mbox" \
  > "$work/takeout.mbox"
vt capture "$work/takeout.mbox" --dry-run
vt capture "$work/takeout.mbox"
grep -q "email: Lunch next week? #inbound" "$work/vault/People/Jane Doe.md"
echo "wheel smoke: a tick in Due.md, acted on by index"
sed -i.bak 's/^- \[ \] \(\[\[People\/Samuel Adeyemi|Samuel Adeyemi\]\].*%%vt:overdue%%\)$/- [x] \1 — call: smoke/' \
  "$work/vault/Index/Due.md" && rm "$work/vault/Index/Due.md.bak"
grep -q "^- \[x\] \[\[People/Samuel Adeyemi" "$work/vault/Index/Due.md"
vt index
grep -q "call: smoke" "$work/vault/People/Samuel Adeyemi.md"
echo "wheel smoke: merge, then undo"
vt merge "Jane Doe" "Bob Smith" --dry-run
vt merge "Jane Doe" "Bob Smith" --relink
test -f "$work/vault/.trash/Bob Smith.md"
vt undo
test -f "$work/vault/People/Bob Smith.md"
echo "wheel smoke: sync into two vdirs"
printf '\n[sync]\ncontacts = "%s"\ncalendar = "%s"\n' "$work/vdirs/contacts" "$work/vdirs/reminders" \
  >> "$work/vault/.vaulttools.toml"
mkdir -p "$work/vdirs"
vt sync --check
vt sync
vt sync --json
test -n "$(ls "$work/vdirs/contacts")" && test -n "$(ls "$work/vdirs/reminders")"
echo "wheel smoke: export then import into an empty vault"
mkdir "$work/roundtrip" && touch "$work/roundtrip/.vaulttools.toml"
(cd "$work" && "$work/venv/bin/vaulttools" --vault "$work/roundtrip" import vcard "$work/out3.vcf" \
  >/dev/null 2>&1)
test -n "$(ls "$work/roundtrip/People")"

echo "wheel smoke: init"
(cd "$work" && "$work/venv/bin/vaulttools" init "$work/fresh" >/dev/null)
test -f "$work/fresh/.vaulttools.toml"
echo "wheel smoke: init --detect on an existing people folder"
mkdir -p "$work/adopt/People"
printf -- '---\nE-mail: ann@example.org\nBirthday: 1980-01-02\n---\n' > "$work/adopt/People/Ann.md"
(cd "$work" && "$work/venv/bin/vaulttools" init "$work/adopt" --detect >/dev/null)
grep -q 'email = \["E-mail"\]' "$work/adopt/.vaulttools.toml"

echo "wheel smoke: the merge driver, as init --git registers it, in a real merge"
if command -v git >/dev/null; then
  (cd "$work/fresh" && git init -q -b main && "$work/venv/bin/vaulttools" init --git >/dev/null \
    && printf -- '- one\n- two\n- three\n' > Index/Mine.md && git add -A \
    && git -c user.name=s -c user.email=s@example.com commit -qm base && git checkout -qb other \
    && sed -i.bak 's/one/one (other)/' Index/Mine.md && rm Index/Mine.md.bak \
    && git -c user.name=s -c user.email=s@example.com commit -qam other && git checkout -q main \
    && sed -i.bak 's/three/three (main)/' Index/Mine.md && rm Index/Mine.md.bak \
    && git -c user.name=s -c user.email=s@example.com commit -qam main \
    && git -c user.name=s -c user.email=s@example.com merge -q --no-edit other)
  grep -q "one (other)" "$work/fresh/Index/Mine.md" && grep -q "three (main)" "$work/fresh/Index/Mine.md"
fi

echo "wheel smoke: watch (start, render, SIGTERM)"
"$work/venv/bin/vaulttools" --vault "$work/vault" --today 2026-11-21 watch 2>"$work/watch.log" &
pid=$!
for _ in $(seq 100); do grep -q "watching" "$work/watch.log" && break; sleep 0.1; done
kill -TERM "$pid"
wait "$pid"
grep -q "watching" "$work/watch.log"
echo "wheel smoke: every command ran from the installed wheel"
