"""Each third-party library: a small C program linked statically by the target's toolchain
against the staged library, checked to be a static ELF for the target's CPU, then run alone
in an empty chroot (under qemu for a foreign CPU); its output must show the library working
at the recipe's version."""
import os
import subprocess

import pytest
from conftest import REPO
from elfcheck import static_problems
from isolation import run_alone
from staticpython import recipes

RECIPES = recipes.load()
HERE = os.path.dirname(os.path.abspath(__file__))

# library -> (link flags, extra include subdirectory of the stage, args, stdin)
PROGRAMS = {
    'zlib': (['-lz'], None, [], None),
    'bzip2': (['-lbz2'], None, [], None),
    'xz': (['-llzma', '-pthread'], None, [], None),
    'sqlite3': (['-lsqlite3', '-lm', '-pthread'], None, [], None),
    'openssl': (['-lssl', '-lcrypto', '-pthread'], None, [], None),
    'ncurses': (['-lncursesw'], 'ncursesw',
                ['xterm', 'xterm-256color', 'screen', 'tmux-256color', 'vt100', 'linux', 'nonesuch'],
                None),
    'readline': (['-lreadline', '-lncursesw'], None, [], b'first line\nimport os\n'),
    'libffi': (['-lffi'], None, [], None),
    'libevent': (['-levent_core'], None, [], None),
    'libuuid': (['-luuid'], None, [], None),
}


def test_every_library_recipe_has_a_program():
    libraries = {n for n, r in RECIPES.items() if r.KIND == 'library'}
    assert libraries == set(PROGRAMS)


@pytest.fixture(scope='module')
def built(build_root, cc, tmp_path_factory):
    """Compile every program once; returns {library: path or error text}."""
    out = {}
    stage = os.path.join(build_root, 'stage', 'usr')
    tmp = tmp_path_factory.mktemp('progs')
    for name, (libs, subdir, _, _) in PROGRAMS.items():
        exe = str(tmp / name)
        inc = [f'-I{stage}/include'] + ([f'-I{stage}/include/{subdir}'] if subdir else [])
        cmd = [cc, '-O2', '-Wall', '-Werror', *inc, os.path.join(HERE, 'c', f'{name}.c'),
               f'-L{stage}/lib', *libs, '-o', exe]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        out[name] = exe if proc.returncode == 0 else f'{" ".join(cmd)}\n{proc.stderr}'
    return out


@pytest.fixture(scope='module')
def run(built, runner):
    def run(name):
        exe = built[name]
        assert os.path.isfile(exe), f'{name} did not compile:\n{exe}'
        _, _, args, stdin = PROGRAMS[name]
        proc = run_alone(exe, args, stdin=stdin, env={'TERM': 'dumb'}, runner=runner)
        assert proc.returncode == 0, (proc.returncode, proc.stdout, proc.stderr)
        return proc.stdout.decode().splitlines()
    return run


@pytest.mark.parametrize('name', sorted(PROGRAMS))
def test_program_is_fully_static(built, target, name):
    exe = built[name]
    assert os.path.isfile(exe), f'{name} did not compile:\n{exe}'
    assert static_problems(exe, target) == []


def test_zlib(run):
    lines = run('zlib')
    assert lines[0] == f'version {RECIPES["zlib"].VERSION}'
    assert lines[1].startswith('roundtrip 100000 -> ') and lines[1].endswith(' ok')


def test_bzip2(run):
    lines = run('bzip2')
    assert lines[0].startswith(f'version {RECIPES["bzip2"].VERSION},')
    assert lines[1] == 'roundtrip 50000 ok'


def test_xz(run):
    assert run('xz') == [f'version {RECIPES["xz"].VERSION}', 'roundtrip 80000 ok']


def test_sqlite3_fts5_json_rtree_on_disk(run):
    assert run('sqlite3') == ['json=42', 'fts5=1', 'rtree=1,2',
                                      f'version {RECIPES["sqlite3"].VERSION}']


def test_openssl(run, triple):
    lines = run('openssl')
    assert lines[:3] == [f'version {RECIPES["openssl"].VERSION}',
                         'sha256(abc) ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
                         'ciphers yes']
    # The recorded compiler line names no path of this checkout, so that every checkout
    # builds the same libcrypto.a.
    assert lines[3].startswith(f'cflags compiler: {triple}-gcc '), lines[3]
    assert '-ffile-prefix-map=/staticpython/openssl=/staticpython/openssl' in lines[3], lines[3]
    assert REPO not in lines[3] and '/build/' not in lines[3], lines[3]


def test_ncurses_fallback_terminals_without_terminfo(run):
    lines = run('ncurses')
    assert lines[0].startswith('version ncurses 6.5.')
    assert 'xterm colors=8 cup=yes' in lines
    assert 'xterm-256color colors=256 cup=yes' in lines
    assert 'tmux-256color colors=256 cup=yes' in lines
    assert 'screen colors=8 cup=yes' in lines
    assert 'vt100 colors=-1 cup=yes' in lines
    assert 'linux colors=8 cup=yes' in lines
    assert 'nonesuch missing (-1)' in lines   # -1: no terminfo database in the chroot


def test_readline_reads_and_keeps_history(run):
    lines = run('readline')
    assert lines == [f'version {RECIPES["readline"].VERSION}', 'history first line',
                     'history import os']


def test_libffi(run):
    assert run('libffi') == ['add 42', 'scale 60.0', 'struct 40 1.5']


def test_libevent(run):
    lines = run('libevent')
    assert lines[:2] == ['timer early', 'timer late']
    assert lines[2] == f'version {RECIPES["libevent"].VERSION}-stable'
    assert lines[3] in ('backend epoll', 'backend poll', 'backend select')


def test_libuuid(run):
    assert run('libuuid') == ['random version 4', 'time version 1', 'length 36']
