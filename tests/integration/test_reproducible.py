"""The same commit builds the same interpreter in any directory, byte for byte: a second
checkout at another path retrieves the toolchain and the libraries from the shared cache,
then builds the interpreter itself (the cache disabled) and gets this checkout's bytes."""
import hashlib
import os
import subprocess

import pytest

from conftest import REPO
from checkouts import USER_CACHE, copy_checkout


def _sha256(path):
    with open(path, 'rb') as f:
        return hashlib.file_digest(f, 'sha256').hexdigest()


@pytest.fixture(scope='module')
def second(tmp_path_factory, python, target):
    checkout = tmp_path_factory.mktemp('reproducible') / 'elsewhere'
    copy_checkout(checkout)
    scons = ['scons', '-Q', '-j2', f'target={target.name}', f'cache={USER_CACHE}']
    libs = subprocess.run(scons + ['libs'], cwd=checkout, capture_output=True, text=True,
                          timeout=1800)
    assert libs.returncode == 0, libs.stdout + libs.stderr
    built = subprocess.run(scons + ['--cache-disable', 'python'], cwd=checkout,
                           capture_output=True, text=True, timeout=3600)
    assert built.returncode == 0, built.stdout + built.stderr
    return checkout / os.path.relpath(python, REPO), built


def test_the_second_checkout_built_its_interpreter_from_source(second):
    _, built = second
    assert '  BUILD    cpython' in built.stdout, built.stdout


def test_both_interpreters_are_the_same_bytes(second, python):
    path, _ = second
    assert _sha256(path) == _sha256(python)
