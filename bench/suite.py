"""pyperformance's pure-Python benchmarks, from pinned wheels fetched with pip.

pyperformance and pyperf are pure Python. Their wheels are downloaded once with the build
machine's pip (its own index configuration), checked against the pinned sha256 and
unpacked into <cache>/bench/. A benchmark is "pure Python" when it needs nothing but pyperf
and the standard library: no requirements.txt and no other dependency in its pyproject.toml.
The interpreters under test import pyperf from the unpacked wheel through PYTHONPATH, so
nothing is installed into them.
"""
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass

WHEELS = (
    ('pyperf==2.11.0', 'pyperf-2.11.0-py3-none-any.whl',
     '11c0034bb29a79796417a6e5a7852ff4814a33cce24aeb6d268676c3a52dfda6'),
    ('pyperformance==1.14.0', 'pyperformance-1.14.0-py3-none-any.whl',
     '94068ac2935b6952ccb5e8a302eb9cebc26e82454494bef6e53822738adf0049'),
)
BENCHMARKS = 'pyperformance/data-files/benchmarks'
# Not measured here: start-up has its own measurement (startup.py), and these need a
# network or a second interpreter's files.
SKIP = ('python_startup',)


class SuiteError(Exception):
    """The benchmark suite could not be had; the message says what to do."""


@dataclass(frozen=True)
class Benchmark:
    name: str
    script: str                 # run_benchmark.py
    extra_opts: tuple
    requires_python: tuple      # (major, minor) at least


def _sha256(path):
    with open(path, 'rb') as f:
        return hashlib.file_digest(f, 'sha256').hexdigest()


def fetch(cache):
    """Unpack the pinned wheels into <cache>/bench/; returns that directory (the PYTHONPATH)."""
    root = os.path.join(cache, 'bench')
    site = os.path.join(root, 'site')
    stamp = os.path.join(site, '.wheels')
    want = '\n'.join(sha for _, _, sha in WHEELS)
    if os.path.exists(stamp) and open(stamp).read() == want:
        return site
    os.makedirs(root, exist_ok=True)
    wheels = [_wheel(req, name, sha, root) for req, name, sha in WHEELS]
    tmp = tempfile.mkdtemp(prefix='.site-', dir=root)
    try:
        for path in wheels:
            with zipfile.ZipFile(path) as z:
                z.extractall(tmp)
        with open(os.path.join(tmp, '.wheels'), 'w') as f:
            f.write(want)
        if os.path.isdir(site):
            shutil.rmtree(site)
        os.rename(tmp, site)
    finally:
        if os.path.isdir(tmp):
            shutil.rmtree(tmp)
    return site


def _wheel(requirement, filename, sha256, root):
    path = os.path.join(root, filename)
    if os.path.exists(path) and _sha256(path) == sha256:
        return path
    with tempfile.TemporaryDirectory(prefix='.pip-', dir=root) as tmp:
        cmd = [sys.executable, '-m', 'pip', 'download', '--no-deps', '--only-binary', ':all:',
               '--disable-pip-version-check', '--quiet', '--dest', tmp, requirement]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        got = os.path.join(tmp, filename)
        if proc.returncode != 0 or not os.path.exists(got):
            last = (proc.stderr.strip().splitlines() or ['(no output)'])[-1]
            raise SuiteError(f'cannot fetch {filename}: `pip download {requirement}` said: '
                             f'{last}. Put a copy into {root}/ or make pip\'s index reachable.')
        actual = _sha256(got)
        if actual != sha256:
            raise SuiteError(f'checksum mismatch for {filename}: sha256 {actual}, expected '
                             f'{sha256}. The file was not kept.')
        shutil.move(got, path)
    return path


def benchmarks(site, only=()):
    """The pure-Python benchmarks of the unpacked pyperformance, sorted by name."""
    found = []
    for project in sorted(glob.glob(os.path.join(site, BENCHMARKS, 'bm_*', 'pyproject.toml'))):
        bm_dir = os.path.dirname(project)
        with open(project, 'rb') as f:
            meta = tomllib.load(f)
        deps = meta.get('project', {}).get('dependencies', [])
        if os.path.exists(os.path.join(bm_dir, 'requirements.txt')) or deps != ['pyperf']:
            continue
        tool = meta.get('tool', {}).get('pyperformance', {})
        name = tool.get('name') or os.path.basename(bm_dir)[3:]
        if name in SKIP or (only and name not in only):
            continue
        found.append(Benchmark(name, os.path.join(bm_dir, 'run_benchmark.py'),
                               tuple(tool.get('extra_opts', ())),
                               _min_version(meta['project'].get('requires-python', ''))))
    if only:
        missing = sorted(set(only) - {b.name for b in found})
        if missing:
            raise SuiteError(f'no pure-Python benchmark named {", ".join(missing)}')
    return sorted(found, key=lambda b: b.name)


def _min_version(spec):
    m = re.search(r'>=\s*(\d+)\.(\d+)', spec)
    return (int(m.group(1)), int(m.group(2))) if m else (3, 0)
