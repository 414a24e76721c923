"""Two checkouts at different paths sharing one build cache (a CI clone next to a developer's
tree, say): the second must get a working toolchain, not stamps of trees it never unpacked.

Both checkouts use a fresh cache of their own, seeded only with the musl source tarball, so
the first builds musl from source and pushes into the cache and the second retrieves from it.
"""
import os
import shutil
import subprocess

import pytest

from conftest import REPO
from staticpython import recipes
from staticpython.options import default_cache

MUSL = recipes.load()['musl']
TRIPLE = os.environ.get('STATICPYTHON_TRIPLE', 'x86_64-linux-musl')
USER_CACHE = os.environ.get('STATICPYTHON_CACHE') or default_cache()


def _copy_checkout(dest):
    """The repo's files, as a fresh clone would have them: no build tree, no SCons state."""
    skip = {'build', '.git', '.sconsign.dblite', '__pycache__', '.pytest_cache'}
    shutil.copytree(REPO, dest, symlinks=True, ignore=lambda d, names: [n for n in names if n in skip])


def _scons(checkout, cache, *targets):
    return subprocess.run(['scons', '-Q', '-j2', f'cache={cache}', *targets], cwd=checkout,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope='module')
def checkouts(tmp_path_factory, build_root):
    base = tmp_path_factory.mktemp('checkouts')
    cache = base / 'cache'
    (cache / 'sources').mkdir(parents=True)
    for src in MUSL.SOURCES:
        cached = os.path.join(USER_CACHE, 'sources', src.filename)
        if os.path.isfile(cached):
            shutil.copy(cached, cache / 'sources' / src.filename)
    first, second = base / 'first', base / 'second'
    _copy_checkout(first)
    run = _scons(first, cache, 'toolchain')
    assert run.returncode == 0, run.stdout + run.stderr
    _copy_checkout(second)
    run = _scons(second, cache, 'toolchain')
    shutil.rmtree(first)  # nothing of the first checkout may be needed any more
    return second / os.path.relpath(build_root, REPO), run


def test_second_checkout_retrieves_the_toolchain_pkgs_from_the_cache(checkouts):
    _, run = checkouts
    assert run.returncode == 0, run.stdout + run.stderr
    pkg = f'{MUSL.NAME}-{MUSL.VERSION}.tar'
    assert any(line.startswith('Retrieved') and pkg in line for line in run.stdout.splitlines()), \
        run.stdout
    assert f'BUILD    {MUSL.NAME}' not in run.stdout, run.stdout


def test_second_checkout_has_its_own_populated_sysroot(checkouts):
    root, _ = checkouts
    for header in ('stdlib.h', 'stdio.h', 'linux/limits.h'):
        assert (root / 'sysroot' / 'usr' / 'include' / header).is_file(), header
    assert (root / 'sysroot' / 'usr' / 'lib' / 'libc.a').is_file()
    checkout = root.parents[2]
    assert str(checkout) not in (root / 'toolchain' / f'{TRIPLE}-gcc').read_text()


def test_second_checkout_compiles_and_runs_a_static_program(checkouts, tmp_path):
    root, _ = checkouts
    cc = root / 'toolchain' / f'{TRIPLE}-gcc'
    src = tmp_path / 'hello.c'
    src.write_text('#include <stdio.h>\n#include <stdlib.h>\n'
                   'int main(void) { printf("hello %d\\n", abs(-42)); return 0; }\n')
    out = tmp_path / 'hello'
    subprocess.run([str(cc), '-O2', '-o', str(out), str(src)], check=True, capture_output=True)
    assert subprocess.run([str(out)], capture_output=True, text=True).stdout == 'hello 42\n'

