"""Run one pyperformance benchmark on one interpreter, and read back its results.

pyperf runs the benchmark in worker processes; `--append` adds this run's values to the
interpreter's JSON file, so several interleaved rounds make one result. Each worker records
its own peak resident set size (getrusage) in the run's metadata: the result's peak RSS is
the largest of those.
"""
import os
import subprocess
from dataclasses import dataclass

import report


@dataclass
class Outcome:
    ok: bool
    output: str


def clean_env(site, extra):
    """The same environment for every interpreter: no PYTHON* variables but pyperf's path,
    plus `extra` (a dict: variables for this interpreter only, e.g. PYTHONMALLOC)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith('PYTHON')}
    env['PYTHONPATH'] = site
    env.update(extra)
    return env


def run(python, bench, json_path, processes, site, workdir, extra_env=None):
    extra_env = extra_env or {}
    cmd = [python, bench.script, *bench.extra_opts, '--processes', str(processes),
           '--append', json_path, '--inherit-environ', ','.join(['PYTHONPATH', *extra_env])]
    log = os.path.join(workdir, 'last-output.txt')
    with open(log, 'w+') as out:
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, env=clean_env(site, extra_env), cwd=workdir)
        out.seek(0)
        return Outcome(proc.returncode == 0, out.read())


def result(json_path):
    """(median seconds, peak RSS in bytes) of a pyperf JSON file (pyperf must be importable).
    A benchmark of several variants (base64, deepcopy, xml_etree, ...) writes one pyperf
    benchmark per variant: its time is the geometric mean of theirs, so that each
    pyperformance benchmark counts once (and a ratio of two such times is the geometric mean
    of the variants' ratios)."""
    import pyperf
    benches = pyperf.BenchmarkSuite.load(json_path).get_benchmarks()
    if not benches:
        raise ValueError(f'{json_path} holds no benchmark')
    median = report.geomean([b.median() for b in benches])
    rss = [run.get_metadata().get('mem_max_rss', 0) for b in benches for run in b.get_runs()]
    return median, max(rss, default=0)
