#!/bin/sh
# orbrowse schedule: the crontab line and the systemd units it prints run
# `sync --if-older` on this database with this binary, both quoted so that
# paths with spaces, quotes, % and $ survive cron's and systemd's parsing
# (the commands are taken apart here as cron and systemd do, and run); the
# check period and limit follow --every; bad options exit 2.  systemd's own
# parser checks the units in schedule-systemd.sh.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

# A binary and a database whose paths need quoting everywhere.
B="$T/bin dir'%\$x"
D="$T/data dir'%\$HOME"
mkdir -p "$B" "$D"
cp "$ORBROWSE" "$B/orbrowse" || fail "copying the binary"
EXE="$B/orbrowse"
DB="$D/my db.db"

demo_files "$T/set" 7 5
start_server a --dir "$T/set"

run 0 "$EXE" --db "$DB" schedule
cp "$T/out" "$T/all"
contains "$T/all" "crontab -e" "the full output says where the cron line goes"
contains "$T/all" "~/.config/systemd/user/orbrowse-sync.timer" "and where the timer goes"
run 0 "$EXE" --db "$DB" schedule --print cron
cp "$T/out" "$T/cron"
run 0 "$EXE" --db "$DB" schedule --print service
cp "$T/out" "$T/service"
run 0 "$EXE" --db "$DB" schedule --print timer
cp "$T/out" "$T/timer"
for f in cron service timer; do
	grep -qxF -f "$T/$f" "$T/all" || fail "--print $f is not in the full output"
done
ok "each --print piece is part of the full output"

# Take the pieces apart as cron and systemd do: the cron line's five time
# fields and its command for /bin/sh (cron turns \% into %); ExecStart=
# split by systemd's quoting, %% and (in arguments) $$ undone.
python3 - "$T" "$EXE" "$DB" <<'PY' || fail "parsing the pieces"
import re, sys, os
t, exe, db = sys.argv[1:]
cron = open(os.path.join(t, "cron")).read()
assert cron.endswith("\n") and cron.count("\n") == 1, repr(cron)
fields = cron.split(None, 5)
assert len(fields) == 6, fields
m = re.fullmatch(r"\*/(\d+)|0", fields[0])
assert m, fields[0]
check = int(m.group(1)) if m.group(1) else 60
assert 60 % check == 0, check
assert fields[1:5] == ["*"] * 4, fields
cmd = re.sub(r"\\%", "%", fields[5].rstrip("\n"))
assert "%" not in re.sub(r"\\%", "", fields[5]), "bare % in the cron command"
open(os.path.join(t, "cron.sh"), "w").write(cmd + "\n")
open(os.path.join(t, "cron.check"), "w").write("%d\n" % check)

tim = open(os.path.join(t, "timer")).read()
want = "OnCalendar=hourly" if check == 60 else "OnCalendar=*:0/%d" % check
assert want in tim.splitlines(), (want, tim)
assert "Persistent=true" in tim.splitlines(), tim
PY
ok "the cron line has five time fields and a command; the timer checks as often"

# The cron command, run by /bin/sh as cron would: it syncs into the
# database with the spaces, quotes, % and $ in its path.
ORBROWSE_BASE_URL=$URL sh "$T/cron.sh" >"$T/cron.out" 2>&1 ||
    { cat "$T/cron.out"; fail "the cron command failed"; }
eq "$(sql "$DB" "SELECT COUNT(*) || ' ' || status FROM run_log")" "1 ok" "the cron command synced this database"
[ "$(wc -l <"$T/cron.out")" -eq 0 ] || fail "the cron command printed (cron would mail it): $(cat "$T/cron.out")"
ok "the cron command is silent"

# ExecStart as systemd would exec it: right after, no request.  The
# binary's path has a quote, which systemd refuses as a program's path:
# /usr/bin/env runs it.  A second binary without one is run directly.
exec_start() {
	python3 - "$1" "$2" "$DB" <<'PY' || fail "ExecStart of $1"
import os, subprocess, sys
svc, exe, db = sys.argv[1:]
def systemd_split(line):
    words, w, i, inq, have = [], "", 0, False, False
    while i < len(line):
        c = line[i]
        if inq and c == "\\":
            w += line[i + 1]; i += 2; continue
        if c == '"':
            inq = not inq; have = True
        elif c == " " and not inq:
            if have or w: words.append(w)
            w, have = "", False
        else:
            w += c
        i += 1
    if have or w: words.append(w)
    return words
ex = [l for l in open(svc).read().splitlines() if l.startswith("ExecStart=")]
assert len(ex) == 1, ex
words = systemd_split(ex[0][len("ExecStart="):])
words = [words[0].replace("%%", "%")] + \
    [w.replace("%%", "%").replace("$$", "$") for w in words[1:]]
if any(c in exe for c in "'\"\\"):
    assert words[0] == "/usr/bin/env", words
    words = words[1:]
assert words[0] == exe, (words[0], exe)
assert words[1:3] == ["--db", db], words
assert words[3:5] == ["sync", "--if-older"] and words[6] == "--quiet", words
sys.exit(subprocess.call(words))
PY
}
PLAIN="$T/plain bin%\$y"
mkdir -p "$PLAIN" && cp "$ORBROWSE" "$PLAIN/orbrowse" || fail "copying"
"$PLAIN/orbrowse" --db "$DB" schedule --print service >"$T/service2" ||
    fail "schedule from the plain binary"
grep -q '^ExecStart="' "$T/service2" || fail "a plain path runs without env"
: >"$T/a.log"
exec_start "$T/service" "$EXE"
exec_start "$T/service2" "$PLAIN/orbrowse"
eq "$(wc -l <"$T/a.log" | tr -d ' ')" 0 "ExecStart's command, right after: no request"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM run_log')" 1 "and no run"

# The check period and limit follow --every: the longest of 1, 2, 5, 10,
# 15, 20, 30, 60 minutes at most a quarter of it, and the limit one check
# short of it.
for every in 5m 12m 45m 2h 90m 1d 5m30s; do
	run 0 "$EXE" --db "$DB" schedule --every "$every" --print cron
	python3 - "$every" "$T/out" <<'PY' || fail "--every $every"
import re, sys
every, path = sys.argv[1], sys.argv[2]
unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}
secs = sum(int(n) * unit[u] for n, u in re.findall(r"(\d+)([smhd])", every))
check = max([c for c in (1, 2, 5, 10, 15, 20, 30, 60) if c * 240 <= secs] or [1])
line = open(path).read()
minute = line.split()[0]
assert minute == ("0" if check == 60 else "*/%d" % check), (minute, check)
lim = re.search(r"--if-older (\d+)([ms]) ", line)
assert lim, line
got = int(lim.group(1)) * (60 if lim.group(2) == "m" else 1)
assert got == secs - check * 60, (got, secs, check)
PY
	ok "--every $every: check period and limit"
done
# The default is every 2h.
run 0 "$EXE" --db "$DB" schedule --every 2h --print cron
cp "$T/out" "$T/cron2h"
eq "$(cat "$T/cron")" "$(cat "$T/cron2h")" "the default is --every 2h"

# A relative --db becomes absolute.
(cd "$D" && "$EXE" --db "my db.db" schedule --print service) >"$T/out" ||
    fail "relative --db"
contains "$T/out" "--db \"$(printf '%s' "$D" | sed 's/%/%%/g; s/\$/$$/g')/my db.db\"" "a relative --db is made absolute"

# Bad options.
for e in 4m 0m 2 x ''; do
	run 2 "$EXE" --db "$DB" schedule --every "$e"
	contains "$T/err" "orbrowse: schedule: --every:" "--every '$e' refused"
done
run 2 "$EXE" --db "$DB" schedule --print crontab
contains "$T/err" "--print: crontab is not cron, service or timer" "--print checked"
run 2 "$EXE" --db "$DB" schedule extra
