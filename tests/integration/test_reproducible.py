"""The same commit builds the same interpreter in any directory and at any priority, byte
for byte: a second checkout at another path retrieves the toolchain and the libraries from
the shared cache, then builds the interpreter itself (the cache disabled) and gets this
checkout's bytes."""
import hashlib
import os
import subprocess

import pytest

import bytediff
from conftest import REPO
from checkouts import USER_CACHE, copy_checkout


def _sha256(path):
    with open(path, 'rb') as f:
        return hashlib.file_digest(f, 'sha256').hexdigest()


@pytest.fixture(scope='module')
def second(tmp_path_factory, python, target, flavor, libc, pie):
    checkout = tmp_path_factory.mktemp('reproducible') / 'elsewhere'
    copy_checkout(checkout)
    scons = ['scons', '-Q', '-j2', f'target={target.name}', f'flavor={flavor.name}',
             f'libc={libc}', f'pie={"yes" if pie else "no"}', f'cache={USER_CACHE}']
    # What the interpreter is built with comes from the cache: the libraries and, for a
    # cross build, the build machine's interpreter (CPython's build Python).
    native = _native_python(python, target)
    prepared = ['libs'] + ([os.path.relpath(native, REPO)] if native else [])
    libs = subprocess.run(scons + prepared, cwd=checkout, capture_output=True, text=True,
                          timeout=1800)
    assert libs.returncode == 0, libs.stdout + libs.stderr
    # At the lowest priority, where configure once found nice() broken: what is built must
    # not follow the builder's niceness either.
    built = subprocess.run(['nice', '-n', '19'] + scons + ['--cache-disable', 'python'],
                           cwd=checkout, capture_output=True, text=True, timeout=3600)
    assert built.returncode == 0, built.stdout + built.stderr
    return checkout / os.path.relpath(python, REPO), built


def _native_python(python, target):
    """For a cross-built target, the build machine's interpreter of the same flavor."""
    if target.runs_natively():
        return None
    from staticpython.targets import native_target
    # the same place under the build machine's target directory (<libc>/<flavor>/...)
    return os.path.join(REPO, 'build', native_target(),
                        os.path.relpath(python, os.path.join(REPO, 'build', target.name)))


def test_the_second_checkout_built_its_interpreter_from_source(second, flavor):
    _, built = second
    # the flavor's interpreter recipe (cpython3.13, stackless2.7, ...)
    assert f'  BUILD    {flavor.interpreter} ' in built.stdout, built.stdout


def test_both_interpreters_are_the_same_bytes(second, python):
    path, _ = second
    if _sha256(path) != _sha256(python):
        pytest.fail('\n'.join(['the second checkout built other bytes:'] +
                               bytediff.describe(python, path)), pytrace=False)
