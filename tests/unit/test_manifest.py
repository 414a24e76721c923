"""manifest: the facts an interpreter carries about itself (python -m staticpython), and
release.index: SHA256SUMS and MANIFEST.json from the binaries' entries."""
import json

import pytest

from staticpython import extmodules, manifest, recipes, release
from staticpython.flavors import FLAVORS
from staticpython.targets import TARGETS

RECIPES = recipes.load()


@pytest.mark.parametrize('target', sorted(TARGETS))
def test_facts_name_the_build_and_every_library_linked_in(target):
    flavor = FLAVORS['python3.13']
    facts = manifest.build_facts(flavor, TARGETS[target], 'musl', True, RECIPES)
    assert json.loads(json.dumps(facts)) == facts          # JSON as it is
    assert facts['file'] == f'{target}/{flavor.output}'
    assert facts['triple'] == TARGETS[target].triple('musl')
    assert facts['python'] == RECIPES[flavor.interpreter].VERSION
    assert facts['libc'] == {'name': 'musl', 'version': RECIPES['musl'].VERSION}
    names = [lib['name'] for lib in facts['libraries']]
    assert set(flavor.libraries) <= set(names)
    for lib in facts['libraries']:
        r = RECIPES[lib['name']]
        assert lib['version'] == r.VERSION and lib['license'] == r.LICENSE
        assert [s['sha256'] for s in lib['sources']] == [s.sha256 for s in r.SOURCES]
    assert {t['name'] for t in facts['toolchain']} == {'binutils', 'gcc', 'linux-headers', 'musl'}
    greenlet = extmodules.release_for(extmodules.load()['greenlet'], facts['python'])
    assert facts['modules'] == [{
        'name': 'greenlet', 'version': greenlet.version, 'license': 'MIT AND PSF-2.0',
        'sources': [{'file': greenlet.source.filename, 'sha256': greenlet.source.sha256}],
        'builtins': ['greenlet._greenlet']}]


def test_index_writes_sums_and_manifest_sorted(tmp_path):
    entries = []
    for name, digest in (('linux-s390x/python3.13-static', 'b' * 64),
                         ('linux-aarch64/python3.13-static', 'a' * 64)):
        path = tmp_path / (name.replace('/', '-') + '.json')
        path.write_text(json.dumps({'file': name, 'sha256': digest, 'size': 1}))
        entries.append(path)
    sums, man = tmp_path / 'SHA256SUMS', tmp_path / 'MANIFEST.json'
    assert release.index([sums, man], entries, {}) == 0
    assert sums.read_text() == (f'{"a" * 64}  linux-aarch64/python3.13-static\n'
                                f'{"b" * 64}  linux-s390x/python3.13-static\n')
    data = json.loads(man.read_text())
    assert [e['file'] for e in data['binaries']] == ['linux-aarch64/python3.13-static',
                                                     'linux-s390x/python3.13-static']
    assert not list(tmp_path.glob('*.tmp'))
