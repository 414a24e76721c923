"""A second checkout at another path, sharing the build cache (a CI clone next to a
developer's tree, say): it retrieves the toolchain pkgs that this checkout's build put into
the cache instead of building them again, and gets a working toolchain from them, not
stamps of trees it never unpacked."""
import os
import subprocess

import pytest

from checkouts import USER_CACHE, copy_checkout
from conftest import REPO
from isolation import run_alone
from staticpython import libcs, recipes

RECIPES = recipes.load()


@pytest.fixture(scope='module')
def checkout(tmp_path_factory, build_root, target, libc):
    second = tmp_path_factory.mktemp('checkouts') / 'second'
    copy_checkout(second)
    run = subprocess.run(['scons', '-Q', f'target={target.name}', f'libc={libc}',
                          f'cache={USER_CACHE}', 'toolchain'], cwd=second, capture_output=True, text=True, timeout=1200)
    return second / os.path.relpath(build_root, REPO), run


def test_second_checkout_retrieves_the_toolchain_pkgs_from_the_cache(checkout, libc):
    _, run = checkout
    assert run.returncode == 0, run.stdout + run.stderr
    for r in [RECIPES[n] for n in libcs.toolchain_recipes(RECIPES, libc)]:
        pkg = f'{r.NAME}-{r.VERSION}.tar'
        assert any(line.startswith('Retrieved') and pkg in line
                   for line in run.stdout.splitlines()), run.stdout
        assert f'BUILD    {r.NAME} ' not in run.stdout, run.stdout


def test_second_checkout_has_its_own_populated_toolchain(checkout, triple):
    root, _ = checkout
    sysroot = root / 'toolchain' / triple / 'sysroot' / 'usr'
    for header in ('stdlib.h', 'stdio.h', 'linux/limits.h'):
        assert (sysroot / 'include' / header).is_file(), header
    assert (sysroot / 'lib' / 'libc.a').is_file()
    checkout_dir = root.parents[2]
    assert str(checkout_dir).encode() not in (root / 'toolchain' / 'bin' / f'{triple}-gcc').read_bytes()


def test_second_checkout_compiles_and_runs_a_static_program(checkout, triple, runner, tmp_path):
    root, _ = checkout
    cc = root / 'toolchain' / 'bin' / f'{triple}-gcc'
    src = tmp_path / 'hello.c'
    src.write_text('#include <stdio.h>\n#include <stdlib.h>\n'
                   'int main(void) { printf("hello %d\\n", abs(-42)); return 0; }\n')
    out = tmp_path / 'hello'
    subprocess.run([str(cc), '-O2', '-o', str(out), str(src)], check=True, capture_output=True)
    assert run_alone(str(out), runner=runner).stdout == b'hello 42\n'
