#!/usr/bin/env python3
"""Samples the CPU of every thread of every JVM and PostgreSQL process on the machine, to find out
what takes the cores in a latency stall (BENCHMARKS.md, "The stalls are the JIT compiler").

  src-test/bench/tools/thread-cpu.py record OUT SECONDS     # while the benchmark runs
  src-test/bench/tools/thread-cpu.py report OUT FROM TO     # e.g. 18:09:50.0 18:09:50.8 (UTC)

record reads /proc/<pid>/task/<tid>/stat every 250 ms and writes one line per thread that used
CPU: time, pid, tid, ticks (10 ms), thread name; OUT.pids names each process (services/orders,
lra-coordinator, MongoWireServerMain, postgres: ...). report sums the ticks in [FROM, TO] by
process and thread name (numbered threads such as executor-thread-7 together).
"""
import datetime
import os
import re
import sys
import time

# The app's jar path names it; matched on the path, because every service's -D options before
# the jar name the coordinator's URL (.../lra-coordinator) too.
PROCESS = re.compile(r'((?:services|src-test/bench)/[\w-]+|lra-coordinator(?=/target)|MongoWireServerMain|BenchMain'
                     r'|postgres: [\w ]+|bin/postgres)')


def command_line(pid):
    with open('/proc/%s/cmdline' % pid, 'rb') as f:
        return f.read().replace(b'\0', b' ').decode(errors='replace')


def sampled(command):
    return 'java' in command or 'postgres' in command


def record(out, seconds):
    names, previous = {}, {}
    end = time.time() + seconds
    try:
        sample(out, end, names, previous)
    finally:
        # Also after Ctrl-C: the samples are of no use without the processes' names.
        write_names(out, names)


def sample(out, end, names, previous):
    with open(out, 'w') as samples:
        while time.time() < end:
            started = time.time()
            current = {}
            for pid in filter(str.isdigit, os.listdir('/proc')):
                try:
                    if pid not in names:
                        names[pid] = command_line(pid)
                    if not sampled(names[pid]):
                        continue
                    tids = os.listdir('/proc/%s/task' % pid)
                except OSError:
                    continue
                for tid in tids:
                    try:
                        with open('/proc/%s/task/%s/stat' % (pid, tid)) as f:
                            stat = f.read()
                    except OSError:
                        continue
                    name = stat[stat.find('(') + 1:stat.rfind(')')]
                    fields = stat[stat.rfind(')') + 2:].split()
                    current[(pid, tid)] = (int(fields[11]) + int(fields[12]), name)
            for (pid, tid), (ticks, name) in current.items():
                used = ticks - previous.get((pid, tid), (ticks,))[0]
                if used > 0:
                    samples.write('%.2f %s %s %d %s\n' % (started, pid, tid, used, name))
            previous = current
            samples.flush()
            time.sleep(max(0.0, 0.25 - (time.time() - started)))


def write_names(out, names):
    with open(out + '.pids', 'w') as pids:
        for pid, line in names.items():
            found = PROCESS.search(line) if sampled(line) else None
            if found:
                pids.write('%s %s\n' % (pid, found.group(1).strip()))


def report(out, since, until):
    processes = {}
    if os.path.exists(out + '.pids'):
        with open(out + '.pids') as pids:
            for line in pids:
                pid, name = line.rstrip('\n').split(' ', 1)
                processes[pid] = 'postgres' if 'postgres' in name else name
    totals = {}
    with open(out) as samples:
        for line in samples:
            at, pid, _, ticks, thread = line.rstrip('\n').split(' ', 4)
            clock = datetime.datetime.fromtimestamp(float(at), datetime.timezone.utc).strftime('%H:%M:%S.%f')
            if since <= clock <= until:
                key = (processes.get(pid, pid), re.sub(r'\d+$', '#', thread))
                totals[key] = totals.get(key, 0) + int(ticks)
    for (process, thread), ticks in sorted(totals.items(), key=lambda kv: -kv[1])[:15]:
        print('%6d  %-24s %s' % (ticks, process, thread))


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'record':
        record(sys.argv[2], float(sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] == 'report':
        report(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        raise SystemExit(__doc__)
