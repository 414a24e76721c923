"""Fixtures for tests of built artifacts: where the build is, how to compile, how to run alone.

The build root comes from STATICPYTHON_BUILD_ROOT (set by `scons test`), else the native
target's default. A missing build is a test failure, never a skip.
"""
import os
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, 'site_scons'))


@pytest.fixture(scope='session')
def target():
    """The target under test (STATICPYTHON_TARGET, set by `scons test`, or the native one)."""
    from staticpython.targets import TARGETS, native_target
    return TARGETS[os.environ.get('STATICPYTHON_TARGET') or native_target() or 'linux-x86_64']


@pytest.fixture(scope='session')
def pie(target):
    """Whether the interpreter under test is static-pie (STATICPYTHON_PIE, set by `scons
    test`, or the target's default)."""
    value = os.environ.get('STATICPYTHON_PIE')
    return target.pie if value is None else value == '1'


@pytest.fixture(scope='session')
def libc():
    """The C library of the build under test (STATICPYTHON_LIBC, set by `scons test`, or
    the default)."""
    return os.environ.get('STATICPYTHON_LIBC') or 'musl'


@pytest.fixture(scope='session')
def libc_data(libc):
    """What differs with that C library (staticpython/libcs.py): its name, the locales it
    has, the targets where its time_t has 32 bits, ..."""
    from staticpython.libcs import LIBCS
    return LIBCS[libc]


@pytest.fixture(scope='session')
def triple(target, libc):
    return os.environ.get('STATICPYTHON_TRIPLE') or target.triple(libc)


@pytest.fixture(scope='session')
def build_root(target, libc):
    root = os.environ.get('STATICPYTHON_BUILD_ROOT')
    if not root:
        root = os.path.join(REPO, 'build', target.name, libc)
    assert os.path.isfile(os.path.join(root, 'stage', '.contents')), \
        f'no built libraries under {root}: run `scons libs` first (or `scons test`)'
    return root


@pytest.fixture(scope='session')
def toolchain_dir(build_root):
    return os.path.join(build_root, 'toolchain')


@pytest.fixture(scope='session')
def cc(toolchain_dir, triple):
    path = os.path.join(toolchain_dir, 'bin', f'{triple}-gcc')
    assert os.access(path, os.X_OK), f'no compiler at {path}'
    return path


@pytest.fixture(scope='session')
def cxx(toolchain_dir, triple):
    path = os.path.join(toolchain_dir, 'bin', f'{triple}-g++')
    assert os.access(path, os.X_OK), f'no C++ compiler at {path}'
    return path


@pytest.fixture(scope='session')
def runner(target):
    """How this machine runs the target's programs: [] natively, else [its static qemu]."""
    from staticpython.targets import RunnerMissing
    try:
        return target.runner()
    except RunnerMissing as e:
        pytest.fail(str(e))


@pytest.fixture(scope='session')
def python():
    """The built interpreter (STATICPYTHON_PYTHON, set by `scons test`, or the default)."""
    path = os.environ.get('STATICPYTHON_PYTHON')
    if not path:
        from staticpython.targets import native_target
        from versions import FLAVOR
        path = os.path.join(REPO, 'build', native_target() or 'linux-x86_64', FLAVOR.name,
                            FLAVOR.output)
    assert os.access(path, os.X_OK), f'no built interpreter at {path}: run `scons` first'
    return path


@pytest.fixture(scope='session')
def flavor():
    """The flavor under test (STATICPYTHON_FLAVOR, set by `scons test`, or python3.13);
    versions.py has the names derived from it and what differs between its series."""
    from versions import FLAVOR
    return FLAVOR


@pytest.fixture(scope='session')
def perf_trampoline(target, flavor, libc_data):
    """Whether CPython has the -X perf trampoline for the target's CPU. Its configure
    decides by the platform triplet, which a libc CPython has no name for lacks."""
    from staticpython.recipes import load
    return (target.arch in load()[flavor.interpreter].PERF_TRAMPOLINE_CPUS
            and libc_data.cpython_platform)


@pytest.fixture(scope='session')
def suite_python(flavor):
    """The flavor's test-suite variant (STATICPYTHON_SUITE_PYTHON, set by `scons test`)."""
    path = os.environ.get('STATICPYTHON_SUITE_PYTHON')
    if not path:
        from staticpython.targets import native_target
        path = os.path.join(REPO, 'build', native_target() or 'linux-x86_64',
                            flavor.for_test_suite().name, 'bin', flavor.output)
    assert os.access(path, os.X_OK), f'no test-suite interpreter at {path}: run `scons test`'
    return path
