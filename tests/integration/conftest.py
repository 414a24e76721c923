"""Fixtures for tests of built artifacts: where the build is, how to compile, how to run alone.

The build root comes from STATICPYTHON_BUILD_ROOT (set by `scons test`), else the native
target's default. A missing build is a test failure, never a skip.
"""
import os
import shutil
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, 'site_scons'))


@pytest.fixture(scope='session')
def build_root():
    root = os.environ.get('STATICPYTHON_BUILD_ROOT')
    if not root:
        from staticpython.targets import native_target
        root = os.path.join(REPO, 'build', native_target() or 'linux-x86_64', 'musl')
    assert os.path.isfile(os.path.join(root, 'stage', '.contents')), \
        f'no built libraries under {root}: run `scons libs` first (or `scons test`)'
    return root


@pytest.fixture(scope='session')
def cc(build_root):
    triple = os.environ.get('STATICPYTHON_TRIPLE', 'x86_64-linux-musl')
    path = os.path.join(build_root, 'toolchain', f'{triple}-gcc')
    assert os.access(path, os.X_OK), f'no compiler wrapper at {path}'
    return path


def _tool(name):
    path = shutil.which(name, path=os.environ.get('PATH', '') + ':/usr/sbin:/sbin:/usr/bin')
    assert path, f'{name} not found: install util-linux/coreutils (the README\'s first command)'
    return path


def run_alone(program, args=(), stdin=None, env=None, timeout=60, files=None):
    """Run `program` as the only file of an empty directory, chrooted into it.

    `files` maps paths inside the root to bytes, for the few files a test provides.
    Returns the CompletedProcess; the root is deleted afterwards.
    """
    import tempfile
    root = tempfile.mkdtemp(prefix='sp-chroot-')
    try:
        shutil.copy2(program, os.path.join(root, 'prog'))
        for path, data in (files or {}).items():
            full = os.path.join(root, path.lstrip('/'))
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, 'wb') as f:
                f.write(data)
        cmd = [_tool('chroot'), root, '/prog', *args]
        if os.geteuid() != 0:
            cmd = [_tool('unshare'), '--user', '--map-root-user'] + cmd
        return subprocess.run(cmd, input=stdin, capture_output=True, env=env or {},
                              timeout=timeout)
    finally:
        shutil.rmtree(root)
