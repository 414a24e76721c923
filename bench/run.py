"""Benchmark the static interpreter against references, in one interleaved run.

usage: python3 bench/run.py STATIC --reference REF_PYTHON [--system /usr/bin/python3]
           [--cache DIR] [--rounds 2] [--processes 5] [--only a,b] [--report PATH]
           [--also LABEL=PATH ...] [--workdir DIR [--resume]]

`scons bench` runs this with the flavor's binary and the same CPython source built the
default way (`./configure && make`, build/<target>/reference/). Every benchmark runs on each
interpreter in turn, the order rotating, in several rounds: load on the machine hits all of
them alike. Then start-up (`-c pass`, with and without site) alternates between them. The
report (ratios, geometric means, start-up, size, peak RSS, and the project's goals) goes to
bench/reports/ and to stdout; pyperf's raw JSON files stay in the work directory.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import measure          # noqa: E402
import report           # noqa: E402
import startup          # noqa: E402
import suite            # noqa: E402


def version(python):
    out = subprocess.run([python, '-c', 'import sys; print(sys.version.split()[0])'],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f'bench: {python} does not run: {out.stderr.strip()[-300:]}')
    return out.stdout.strip()


def parse():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('python', help='the static interpreter to measure')
    ap.add_argument('--reference', required=True,
                    help='the same CPython version built the default way')
    ap.add_argument('--system', default='/usr/bin/python3', help='the system python3')
    ap.add_argument('--cache', default=os.path.join(os.path.expanduser('~'), '.cache',
                                                    'staticpython'))
    ap.add_argument('--rounds', type=int, default=2)
    ap.add_argument('--processes', type=int, default=5, help='pyperf worker processes per round')
    ap.add_argument('--startup-runs', type=int, default=200)
    ap.add_argument('--only', default='', help='comma-separated benchmark names')
    ap.add_argument('--env', action='append', default=[], metavar='NAME=VALUE',
                    help='an environment variable for the static interpreter only (e.g. '
                         'PYTHONMALLOC=pymalloc to compare allocators); repeatable')
    ap.add_argument('--also', action='append', default=[], metavar='LABEL=PATH',
                    help='another interpreter measured in the same run and compared in the '
                         'report (e.g. a pie=no build); repeatable')
    ap.add_argument('--workdir', help='where pyperf JSON files go (default: a new temporary '
                                      'directory)')
    ap.add_argument('--resume', action='store_true',
                    help='keep the results already in --workdir (of an interrupted run with the '
                         'same interpreters and options): a benchmark and interpreter with a '
                         'result file there is not run again')
    ap.add_argument('--report', help='report path (default bench/reports/<binary>-<machine>.md)')
    return ap.parse_args()


def main():
    args = parse()
    paths = {'static': os.path.abspath(args.python), 'reference': os.path.abspath(args.reference)}
    for item in args.also:
        label, sep, path = item.partition('=')
        if not sep or not label or label in ('static', 'reference', 'system'):
            sys.exit(f'bench: --also wants LABEL=PATH with a new label, not {item!r}')
        paths[label] = os.path.abspath(path)
    paths['system'] = args.system      # last: the report compares start-up with it
    for label, path in paths.items():
        if not os.access(path, os.X_OK):
            sys.exit(f'bench: the {label} interpreter {path} is missing or not executable')
    versions = {label: version(p) for label, p in paths.items()}
    labels = list(paths)
    static_env = dict(item.split('=', 1) for item in args.env)
    envs = {label: static_env if label == 'static' else {} for label in labels}
    try:
        site = suite.fetch(args.cache)
        benches = suite.benchmarks(site, tuple(filter(None, args.only.split(','))))
    except suite.SuiteError as e:
        sys.exit(f'bench: {e}')
    sys.path.insert(0, site)          # pyperf, to read its results
    if args.resume and not args.workdir:
        sys.exit('bench: --resume needs the --workdir of the run to resume')
    workdir = args.workdir or tempfile.mkdtemp(prefix='staticpython-bench-')
    done = set()      # result files of the run resumed, which no round runs again
    if args.resume and os.path.isdir(workdir):
        done = {os.path.join(workdir, name) for name in os.listdir(workdir)}
    else:
        if os.path.isdir(workdir):
            shutil.rmtree(workdir)
        os.makedirs(workdir)
    failures = {}
    for rnd in range(args.rounds):
        for i, bench in enumerate(benches):
            order = labels[(rnd + i) % len(labels):] + labels[:(rnd + i) % len(labels)]
            for label in order:
                v = tuple(int(x) for x in versions[label].split('.')[:2])
                json_path = os.path.join(workdir, f'{label}-{bench.name}.json')
                if (v < bench.requires_python or label in failures.get(bench.name, {})
                        or json_path in done):
                    continue
                print(f'bench: round {rnd + 1}/{args.rounds} {bench.name} on {label}', flush=True)
                out = measure.run(paths[label], bench, json_path, args.processes, site, workdir,
                                  envs[label])
                if not out.ok:
                    last = out.output.strip().splitlines()[-1:] or ['(no output)']
                    failures.setdefault(bench.name, {})[label] = last[0][:200]
                    print(out.output[-2000:], file=sys.stderr)

    times, rss = {}, {}
    for bench in benches:
        for label in labels:
            json_path = os.path.join(workdir, f'{label}-{bench.name}.json')
            if os.path.exists(json_path) and label not in failures.get(bench.name, {}):
                median, peak = measure.result(json_path)
                times.setdefault(bench.name, {})[label] = median
                rss.setdefault(bench.name, {})[label] = peak

    print('bench: start-up', flush=True)
    cmds = {(label, opts): [paths[label], *opts.split()] for label in labels
            for opts in ('-c pass', '-S -c pass')}
    run_envs = {key: measure.clean_env(site, envs[key[0]]) for key in cmds}
    for env in run_envs.values():
        del env['PYTHONPATH']
    startup.time_runs(cmds, 5, run_envs)
    raw = startup.time_runs(cmds, args.startup_runs, run_envs)
    st = {}
    for key, values in raw.items():
        q = statistics.quantiles(values, n=4)
        st[key] = (statistics.median(values), q[0], q[2])
    zip_bytes, entries = startup.zip_span(paths['static'])

    text = report.text({
        'title': f'{os.path.basename(paths["static"])} ({versions["static"]})' +
                 ''.join(f' with {k}={v}' for k, v in static_env.items()),
        'labels': labels, 'paths': paths, 'versions': versions,
        'pyperformance': suite.WHEELS[1][0].split('==')[1], 'rounds': args.rounds,
        'processes': args.processes, 'benchmarks': [b.name for b in benches],
        'times': times, 'rss': rss, 'failures': failures, 'startup': st,
        'startup_runs': args.startup_runs,
        'size': (os.path.getsize(paths['static']), zip_bytes, entries),
    })
    print(text)
    out = args.report or os.path.join(
        HERE, 'reports', f'{os.path.basename(paths["static"]).replace("-static", "")}-'
                         f'{os.uname().machine}.md')
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'w') as f:
        f.write(text)
    print(f'bench: report written to {out}; pyperf results in {workdir}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
