"""The benchmark report: per-benchmark times and ratios, geometric means, start-up, size, RSS.

Ratios are "times faster than": the other interpreter's median time divided by ours, so
1.10 means ours takes 1/1.10 of the time. The goals of the project are checked at the end,
as facts of this run (never as assertions anywhere else).
"""
import math
import os
import platform
import time

GOALS = {'speed': 1.10, 'worst': 0.95, 'startup_system': 0.8, 'size_mib': 16.0, 'rss': 1.10}


def geomean(values):
    values = [v for v in values if v]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def machine():
    model = platform.processor() or platform.machine()
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    model = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    return (f'{model}, {os.cpu_count()} CPUs, Linux {platform.release()}, '
            f'{time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}')


def _fmt(v, unit=''):
    return '-' if v is None else f'{v:.2f}{unit}'


def text(run):
    """`run`: the dict run.py assembles (see run.main)."""
    names = run['labels']          # ['static', 'reference', 'system']
    ours, others = names[0], names[1:]
    lines = [f'# Benchmarks: {run["title"]}', '', f'Machine: {machine()}.', '',
             'Interpreters (one interleaved run; pyperformance '
             f'{run["pyperformance"]}, {run["rounds"]} rounds of {run["processes"]} '
             'processes per benchmark and interpreter):', '']
    for n in names:
        lines.append(f'- **{n}**: `{run["paths"][n]}` (Python {run["versions"][n]})')
    lines += ['', '## pyperformance (pure-Python benchmarks)', '',
              'Median time per benchmark in milliseconds; "x" columns: times faster than the '
              'other interpreter (above 1: ours is faster); RSS: peak resident set size in '
              'MiB, with ours over the reference.', '',
              '| benchmark | ' + ' | '.join(f'{n} ms' for n in names) + ' | ' +
              ' | '.join(f'x {o}' for o in others) + f' | {ours} RSS | RSS / {others[0]} |',
              '|---' * (1 + len(names) + len(others) + 2) + '|']
    speed = {o: [] for o in others}
    rss_ratios, slow, failed = [], [], []
    for bench in run['benchmarks']:
        times = run['times'].get(bench, {})
        t_ours = times.get(ours)
        row = [bench] + [_fmt(times.get(n) and times[n] * 1000) for n in names]
        for o in others:
            r = times[o] / t_ours if t_ours and times.get(o) else None
            if r:
                speed[o].append(r)
            if o == others[0] and r is not None and r < GOALS['worst']:
                slow.append(f'{bench} ({r:.2f}x)')
            row.append(_fmt(r, 'x'))
        rss = run['rss'].get(bench, {})
        rss_ratio = rss[ours] / rss[others[0]] if rss.get(ours) and rss.get(others[0]) else None
        if rss_ratio:
            rss_ratios.append(rss_ratio)
        row += [_fmt(rss.get(ours) and rss[ours] / 2**20), _fmt(rss_ratio)]
        lines.append('| ' + ' | '.join(row) + ' |')
        for n, why in run['failures'].get(bench, {}).items():
            failed.append(f'{bench} on {n}: {why}')
    means = {o: geomean(speed[o]) for o in others}
    lines += ['', '**Geometric mean**: ' + '; '.join(
        f'{_fmt(means[o], "x")} against {o} ({len(speed[o])} benchmarks)' for o in others) + '.']
    if failed:
        lines += ['', 'Failed (not in the means):', ''] + [f'- {f}' for f in failed]

    lines += ['', '## Start-up', '', f'{run["startup_runs"]} runs of each command, alternating; '
              'milliseconds.', '', '| command | median | 25% | 75% | ratio to ' +
              ' | ratio to '.join(others) + ' |', '|---|---|---|---|' + '---|' * len(others)]
    st = run['startup']
    for opts in ('-c pass', '-S -c pass'):
        for n in names:
            med, q1, q3 = st[(n, opts)]
            ratios = [_fmt(med / st[(o, opts)][0]) for o in others]
            lines.append(f'| `{n} {opts}` | {med * 1000:.2f} | {q1 * 1000:.2f} | '
                         f'{q3 * 1000:.2f} | ' + ' | '.join(ratios) + ' |')

    size, zip_bytes, entries = run['size']
    lines += ['', '## Size', '', f'{os.path.basename(run["paths"][ours])}: {size:,} bytes '
              f'({size / 2**20:.2f} MiB): executable part {size - zip_bytes:,} bytes, appended '
              f'ZIP {zip_bytes:,} bytes ({entries} entries).']

    start_sys = st[(ours, '-c pass')][0] / st[(others[-1], '-c pass')][0]
    start_ref = st[(ours, '-c pass')][0] / st[(others[0], '-c pass')][0]
    rss_max = max(rss_ratios) if rss_ratios else None
    checks = [
        (f'speed: geometric mean >= {GOALS["speed"]:.2f}x the {others[0]}',
         means[others[0]] is not None and means[others[0]] >= GOALS['speed'],
         _fmt(means[others[0]], 'x')),
        (f'no benchmark more than 5% slower than the {others[0]}', not slow,
         ', '.join(slow) or 'none'),
        (f'start-up <= {GOALS["startup_system"]}x the {others[-1]}',
         start_sys <= GOALS['startup_system'], f'{start_sys:.2f}x'),
        (f'start-up faster than the {others[0]}', start_ref < 1, f'{start_ref:.2f}x'),
        (f'size <= {GOALS["size_mib"]:.0f} MiB', size <= GOALS['size_mib'] * 2**20,
         f'{size / 2**20:.2f} MiB'),
        (f'peak RSS at most +10% over the {others[0]} (largest ratio)',
         rss_max is not None and rss_max <= GOALS['rss'], _fmt(rss_max)),
    ]
    lines += ['', '## Goals', '', '| goal | met | measured |', '|---|---|---|']
    lines += [f'| {what} | {"yes" if ok else "**no**"} | {value} |' for what, ok, value in checks]
    return '\n'.join(lines) + '\n'
