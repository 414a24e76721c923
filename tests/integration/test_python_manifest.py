"""The interpreter knows what it is: `python -m staticpython`, run alone in an empty root,
prints its release manifest entry: its own flavor, target, Python version, C library,
built-in modules, and the size and sha256 of the file it runs from (src/staticpython.py,
valid 2.7 and 3.x code)."""
import hashlib
import json
import os

from isolation import Root, describe
from staticpython import extmodules

BIN = '/bin/python3-static'
FACTS = ('import json, platform, sys; print(json.dumps({"version": platform.python_version(), '
         '"builtins": sorted(sys.builtin_module_names), "libc": platform.libc_ver()}))')


def test_it_prints_its_own_manifest_entry(python, target, triple, flavor, pie):
    with Root() as root:
        root.add(BIN, copy_of=python, mode=0o755)
        p = root.run([BIN, '-m', 'staticpython'], proc=False, env={'PATH': '/bin'})
        q = root.run([BIN, '-c', FACTS], proc=False, env={'PATH': '/bin'})
    assert p.returncode == 0 and q.returncode == 0, describe(p) + describe(q)
    entry, facts = json.loads(p.stdout), json.loads(q.stdout)
    with open(python, 'rb') as f:
        digest = hashlib.file_digest(f, 'sha256').hexdigest()
    assert (entry['size'], entry['sha256']) == (os.path.getsize(python), digest)
    assert (entry['flavor'], entry['target'], entry['triple']) == (flavor.name, target.name, triple)
    assert entry['file'] == f'{target.name}/{flavor.output}'
    assert entry['python'] == facts['version']
    assert entry['builtin_modules'] == facts['builtins']
    assert [entry['libc']['name'], entry['libc']['version']] == facts['libc']
    assert entry['pie'] is pie
    assert {lib['name'] for lib in entry['libraries']} >= set(flavor.libraries)
    modules = extmodules.with_requirements(flavor.extra_modules, extmodules.load())
    assert [m['name'] for m in entry['modules']] == list(modules)
    for m in entry['modules']:            # the C extensions of modules/: built in
        assert m['version'] and m['license'] and set(m['builtins']) <= set(facts['builtins'])
