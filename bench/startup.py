"""Start-up time and size of the static interpreter next to the system's python3.

usage: python3 bench/startup.py [STATIC_PYTHON] [--runs N] [--reference /usr/bin/python3]

Runs `-c pass` alternately on both interpreters (so load on the machine hits both alike),
reports the median, quartiles and the ratio, plus the binary's size and the size of the
appended standard-library ZIP. Writes the report to bench/reports/startup-<flavor>.md.
"""
import argparse
import os
import statistics
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def time_runs(cmds, runs, envs=None):
    """Run every command of `cmds` (name -> argv) in turn, `runs` times; `envs`: name ->
    environment, where one is not this process's own. Returns name -> list of seconds."""
    times = {name: [] for name in cmds}
    envs = envs or {}
    for _ in range(runs):
        for name, cmd in cmds.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL, env=envs.get(name))
            times[name].append(time.perf_counter() - t0)
    return times


def zip_span(path):
    """(bytes of the appended ZIP, number of entries), from the end-of-directory record."""
    with open(path, 'rb') as f:
        data = f.read()
    eocd = data.rfind(b'PK\x05\x06')
    if eocd < 0:
        return 0, 0
    entries, cd_size, cd_offset = struct.unpack('<HII', data[eocd + 10:eocd + 20])
    return len(data) - (eocd - cd_size - cd_offset), entries


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('python', nargs='?',
                    default=os.path.join(REPO, 'build/linux-x86_64/python3.13/python3.13-static'))
    ap.add_argument('--runs', type=int, default=200)
    ap.add_argument('--reference', default='/usr/bin/python3')
    args = ap.parse_args()

    ref_version = subprocess.run([args.reference, '-c', 'import sys; print(sys.version.split()[0])'],
                                 capture_output=True, text=True, check=True).stdout.strip()
    version = subprocess.run([args.python, '-c', 'import sys; print(sys.version.split()[0])'],
                             capture_output=True, text=True, check=True).stdout.strip()
    cmds = {'static': [args.python, '-c', 'pass'], 'reference': [args.reference, '-c', 'pass'],
            'static -S': [args.python, '-S', '-c', 'pass'],
            'reference -S': [args.reference, '-S', '-c', 'pass']}
    time_runs(cmds, 5)                                   # warm the page cache
    times = time_runs(cmds, args.runs)
    med = {k: statistics.median(v) * 1000 for k, v in times.items()}
    q = {k: statistics.quantiles(v, n=4) for k, v in times.items()}
    zip_bytes, entries = zip_span(args.python)
    size = os.path.getsize(args.python)

    lines = [
        f'# Start-up: {os.path.basename(args.python)} ({version}) vs {args.reference} ({ref_version})',
        '',
        f'{args.runs} runs each, alternating, on {os.cpu_count()} CPUs; times in milliseconds.',
        '',
        '| command | median | 25% | 75% | ratio to reference |',
        '|---|---|---|---|---|',
    ]
    for k in cmds:
        ref = 'reference -S' if k.endswith('-S') else 'reference'
        lines.append(f'| `{k} -c pass` | {med[k]:.2f} | {q[k][0]*1000:.2f} | {q[k][2]*1000:.2f} '
                     f'| {med[k] / med[ref]:.2f} |')
    lines += ['', f'Binary: {size:,} bytes ({size / 2**20:.1f} MiB); appended standard-library '
              f'ZIP: {zip_bytes:,} bytes ({zip_bytes / 2**20:.1f} MiB), {entries} entries; '
              f'executable part: {size - zip_bytes:,} bytes.', '']
    report = '\n'.join(lines)
    print(report)
    os.makedirs(os.path.join(HERE, 'reports'), exist_ok=True)
    name = os.path.basename(args.python).replace('-static', '')
    with open(os.path.join(HERE, 'reports', f'startup-{name}.md'), 'w') as f:
        f.write(report)


if __name__ == '__main__':
    sys.exit(main())
