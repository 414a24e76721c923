"""The files `scons release` wrote, checked against each other: every flavor for every
target is there, SHA256SUMS and MANIFEST.json describe exactly those files, and each binary,
run alone in an empty root (under qemu for another CPU), prints its own manifest entry."""
import hashlib
import json
import os
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, 'site_scons'))

from staticpython import options, recipes, release     # noqa: E402
from staticpython.flavors import FLAVORS               # noqa: E402
from staticpython.targets import TARGETS               # noqa: E402

RELEASE = os.environ.get('STATICPYTHON_RELEASE') or os.path.join(REPO, 'release')


def _sha256(path):
    with open(path, 'rb') as f:
        return hashlib.file_digest(f, 'sha256').hexdigest()


@pytest.fixture(scope='module')
def manifest():
    with open(os.path.join(RELEASE, 'MANIFEST.json')) as f:
        return json.load(f)


@pytest.fixture(scope='module')
def sums():
    with open(os.path.join(RELEASE, 'SHA256SUMS')) as f:
        return dict(reversed(line.rstrip('\n').split('  ', 1)) for line in f)


def binaries():
    return sorted(os.path.relpath(os.path.join(d, n), RELEASE)
                  for d, _, names in os.walk(RELEASE) for n in names
                  if d != RELEASE and not n.endswith('.tmp'))


def test_every_flavor_for_every_target_it_supports():
    want = sorted(f'{t}/{f.output}' for f in FLAVORS.values() for t in TARGETS
                  if not options.unsupported(f.name, t))
    assert binaries() == want


def test_no_half_written_file_is_left():
    left = [n for d, _, names in os.walk(RELEASE) for n in names if n.endswith('.tmp')]
    assert left == []


def test_sha256sums_lists_each_binary_with_its_digest(sums):
    assert sorted(sums) == binaries()
    for name, digest in sums.items():
        assert _sha256(os.path.join(RELEASE, name)) == digest, name


def test_sha256sum_checks_them(sums):
    p = subprocess.run(['sha256sum', '--check', '--strict', 'SHA256SUMS'], cwd=RELEASE,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.count(': OK\n') == len(sums)


def test_manifest_describes_each_file(manifest, sums):
    entries = {e['file']: e for e in manifest['binaries']}
    assert sorted(entries) == binaries()
    for name, e in entries.items():
        path = os.path.join(RELEASE, name)
        assert (e['size'], e['sha256']) == (os.path.getsize(path), sums[name]), name
        target, flavor = name.split('/')
        assert e['target'] == target and TARGETS[target].triple(e['libc']['name']) == e['triple']
        assert FLAVORS[e['flavor']].output == flavor
        assert e['libraries'] and all(l['version'] and l['license'] and l['sources']
                                      for l in e['libraries'])
        assert len(e['builtin_modules']) > 50, name


@pytest.mark.parametrize('name', binaries())
def test_each_binary_prints_its_own_entry(manifest, name):
    entry = next(e for e in manifest['binaries'] if e['file'] == name)
    target = TARGETS[name.split('/')[0]]
    isolated = recipes.load()[FLAVORS[entry['flavor']].interpreter].ISOLATED
    assert release.check(os.path.join(RELEASE, name), target, isolated) == entry
