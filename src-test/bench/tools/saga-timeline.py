#!/usr/bin/env python3
"""Puts each saga of a benchmark run back together from the apps' access logs (BENCHMARKS.md,
"Where lra-saga's latency goes at half load").

Run the benchmark with every request logged, its duration and its LRA:

  QUARKUS_HTTP_RECORD_REQUEST_START_TIME=true QUARKUS_HTTP_ACCESS_LOG_ENABLED=true \
  QUARKUS_HTTP_ACCESS_LOG_PATTERN='ACC %r %s %D %{i,Long-Running-Action}' \
  ./run.sh bench --configs lra-saga --concurrency 8 --jit-warmup 2m --duration 60s

then

  src-test/bench/tools/saga-timeline.py .lra-saga-bench/lra-saga/logs [--since HH:MM:SS.mmm] [--show N]

It prints, for the sagas whose first request is at or after --since (e.g. the open loop's start):
the distribution of saga durations, per request kind its p50/p90/p99, the N slowest sagas request
by request, the seconds in which the slow ones (over 70 ms) started, and the LRAs that got a
compensate callback after a complete one.
"""
import argparse
import collections
import glob
import os
import re

LINE = re.compile(r'^(\d\d:\d\d:\d\d\.\d+) .*? ACC (\S+) (\S+) HTTP/1\.1 (\d+) (\S+) (\S+)')
UID = re.compile(r'lra-coordinator/([0-9a-f_]{20,})')
SLOW_MS = 70


def millis(clock):
    h, m, s = clock.split(':')
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 1000


def clock(ms):
    s = ms / 1000
    return '%02d:%02d:%06.3f' % (s // 3600, (s % 3600) // 60, s % 60)


def requests_by_lra(logs, since):
    """uid -> [(start ms, end ms, service, method, path, status, duration ms)], sorted."""
    sagas = collections.defaultdict(list)
    for log in glob.glob(os.path.join(logs, '*.log')):
        service = os.path.basename(log)[:-4]
        with open(log, errors='replace') as lines:
            for line in lines:
                m = LINE.match(line)
                if not m or m.group(1) < since or m.group(5) == '-':
                    continue
                at, method, path, status, duration, lra = m.groups()
                in_path = UID.search(path)
                uid = in_path.group(1) if in_path else (lra.rsplit('/', 1)[-1] if lra != '-' else None)
                if uid:
                    end, took = millis(at), int(duration)
                    sagas[uid].append((end - took, end, service, method, path.split('?')[0], status, took))
    for requests in sagas.values():
        requests.sort()
    return sagas


def percentile(values, p):
    values = sorted(values)
    return values[int(p * (len(values) - 1))] if values else 0


def main():
    args = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    args.add_argument('logs')
    args.add_argument('--since', default='00:00:00')
    args.add_argument('--show', type=int, default=3)
    opts = args.parse_args()
    sagas = requests_by_lra(opts.logs, opts.since)
    if not sagas:
        raise SystemExit('no access-log lines with durations in ' + opts.logs + ' (see the usage above)')

    # An LRA compensated after it completed ends much later: leave those out of the durations.
    completed_then_compensated = []
    durations = {}
    for uid, requests in sagas.items():
        completes = [r[0] for r in requests if r[4].endswith('/complete')]
        compensates = [r[0] for r in requests if r[4].endswith('/compensate')]
        if completes and compensates and min(compensates) > min(completes):
            completed_then_compensated.append((uid, min(compensates) - min(completes)))
            continue
        durations[uid] = requests[-1][1] - requests[0][0]

    values = list(durations.values())
    print('%d sagas: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms' % (len(values), percentile(values, .5),
          percentile(values, .9), percentile(values, .99), max(values)))

    kinds = collections.defaultdict(list)
    for uid in durations:
        for r in sagas[uid]:
            path = re.sub(r'[0-9a-f_]{20,}', '{lra}', re.sub(r'bench-[a-z]+-\d+', '{id}', r[4]))
            kinds[(r[2], r[3], path)].append(r[6])
    print('\n%-60s %6s %5s %5s %5s' % ('request', 'count', 'p50', 'p90', 'p99'))
    for (service, method, path), took in sorted(kinds.items(), key=lambda kv: -sum(kv[1])):
        print('%-60s %6d %5d %5d %5d' % ((service + ' ' + method + ' ' + path)[:60], len(took),
              percentile(took, .5), percentile(took, .9), percentile(took, .99)))

    for uid in sorted(durations, key=durations.get, reverse=True)[:opts.show]:
        requests = sagas[uid]
        first = requests[0][0]
        print('\n%s: %d ms (start, end, duration ms from its first request)' % (uid, durations[uid]))
        for start, end, service, method, path, status, took in requests:
            print('  %6d %6d %5d  %-12s %-5s %s %s' % (start - first, end - first, took, service, method, path[-48:], status))

    slow_seconds = collections.Counter(clock(sagas[uid][0][0])[:8] for uid, d in durations.items() if d > SLOW_MS)
    print('\nsagas over %d ms by the second they started in: %s' % (SLOW_MS, ', '.join(
        '%s: %d' % kv for kv in sorted(slow_seconds.items())) or 'none'))
    print('LRAs compensated after they completed: %d%s' % (len(completed_then_compensated), ''.join(
        '\n  %s: %.1f s after its first complete' % (uid, gap / 1000) for uid, gap in completed_then_compensated[:10])))


if __name__ == '__main__':
    main()
