"""pkgbuild: which of our modules each pkg is rebuilt for, and the environment its
commands run in."""
import os

import pytest

from staticpython import pkgbuild

HERE = os.path.dirname(pkgbuild.__file__)
KINDS = sorted({r.KIND for r in pkgbuild.RECIPES.values() if r.KIND != 'part'})


@pytest.mark.parametrize('kind', KINDS)
def test_every_framework_module_exists(kind):
    recipe = next(r for r in pkgbuild.RECIPES.values() if r.KIND == kind)
    for name in pkgbuild.framework(recipe):
        assert os.path.isfile(os.path.join(HERE, name)), name


def test_a_toolchain_is_not_rebuilt_for_the_graph_or_the_library_flags():
    # A GCC takes the better part of an hour per target: only the code that builds it counts.
    gcc = pkgbuild.RECIPES['gcc']
    assert 'packages.py' not in pkgbuild.framework(gcc)
    assert 'target_env.py' not in pkgbuild.framework(gcc)
    assert 'target_env.py' in pkgbuild.framework(pkgbuild.RECIPES['zlib'])


@pytest.mark.parametrize('kind', KINDS)
def test_no_pkg_is_rebuilt_for_how_its_sources_are_fetched(kind):
    # The sha256 of every source form is in the pkg's fingerprint: the bytes are pinned.
    recipe = next(r for r in pkgbuild.RECIPES.values() if r.KIND == kind)
    assert 'sources.py' not in pkgbuild.framework(recipe)


def test_the_toolchain_is_compiled_by_the_build_machine(tmp_path):
    env = pkgbuild.build_env({}, pkgbuild.RECIPES['gcc'], str(tmp_path))
    assert (env['CC'], env['CXX']) == ('gcc', 'g++')
    assert f'-ffile-prefix-map={tmp_path}=' in env['CFLAGS']
    assert env['SOURCE_DATE_EPOCH'] == pkgbuild.SOURCE_DATE_EPOCH and env['TZ'] == 'UTC'


@pytest.mark.parametrize('pie', [True, False])
def test_a_library_is_compiled_by_the_toolchain(tmp_path, pie):
    env = pkgbuild.build_env({'SP_TARGET': 'linux-aarch64', 'SP_TOOLCHAIN': '/tc',
                              'SP_TRIPLE': 'aarch64-linux-musl', 'SP_PIE': pie},
                             pkgbuild.RECIPES['zlib'], str(tmp_path))
    assert env['CC'].startswith('/tc/bin/aarch64-linux-musl-gcc')
    assert '-ffile-prefix-map=/tc=/staticpython/toolchain' in env['CFLAGS']
    assert env['PKG_CONFIG_LIBDIR'] == f'{tmp_path}/deps/usr/lib/pkgconfig'
    # Position-independent code exactly when the interpreter is linked static-pie.
    assert ('-fPIE' in env['CFLAGS'].split()) == pie
