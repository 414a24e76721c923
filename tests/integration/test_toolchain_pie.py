"""The same toolchain links static-pie executables, whose code the kernel loads at a random
address (its C library, libgcc and libstdc++ are position-independent): C and C++ programs
link with -static-pie and run alone in an empty root, under qemu for a foreign CPU. Plain
static links stay fixed-address executables."""
import subprocess

import pytest

from elfcheck import static_problems, symbolic_relocations
from isolation import describe, run_alone
from test_toolchain_cxx import EXPECTED as CXX_EXPECTED, PROGRAM as CXX_PROGRAM

C_PROGRAM = r'''
#include <pthread.h>
#include <stdio.h>
#include <string.h>
static const char *greeting = "hello";          /* a pointer the loader relocates */
static void *work(void *arg) { return (void *)(strlen(arg) * 2); }
int main(void) {
    pthread_t t;
    void *r;
    pthread_create(&t, 0, work, (void *)greeting);
    pthread_join(t, &r);
    printf("%s %ld\n", greeting, (long)r);
    return 0;
}
'''
PROGRAMS = {'c': (C_PROGRAM, 'c', b'hello 10\n'), 'c++': (CXX_PROGRAM, 'cc', CXX_EXPECTED)}


@pytest.fixture
def static_pie_libc(libc, libc_data):
    if not libc_data.static_pie:
        pytest.skip(f'libc {libc} cannot start a static-pie executable (libcs.py), and '
                    'scons refuses pie=yes with it (tests/unit/test_libcs.py)')


def build(compiler, lang, tmp_path, *flags):
    text, ext, _ = PROGRAMS[lang]
    src = tmp_path / f'prog.{ext}'
    src.write_text(text)
    exe = tmp_path / 'prog'
    std = ['-std=c++17'] if lang == 'c++' else []
    proc = subprocess.run([compiler, '-O2', *std, '-pthread', str(src), '-o', str(exe), *flags],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return exe


@pytest.mark.parametrize('lang', ['c', 'c++'])
def test_static_pie_links_and_runs_alone(static_pie_libc, cc, cxx, target, runner, tmp_path,
                                         lang):
    exe = build(cc if lang == 'c' else cxx, lang, tmp_path, '-fPIE', '-static-pie')
    assert static_problems(exe, target, pie=True) == []
    run = run_alone(str(exe), runner=runner)
    assert run.returncode == 0 and run.stdout == PROGRAMS[lang][2], describe(run)


def test_plain_link_is_fixed_address(cc, target, tmp_path):
    exe = build(cc, 'c', tmp_path)
    assert static_problems(exe, target) == []


# A global that data points at and code reads through the GOT. binutils 2.44's RISC-V and
# s390x linkers give it a symbolic relocation in a static-pie, which musl's start-up (relative
# relocations only) does not apply, unless every symbol is made local, as the interpreter's
# link does (staticpython.cpython.LOCAL_SYMBOLS).
GLOBAL = 'int x = 5;\n'
USER = r'''
#include <stdio.h>
extern int x;
int *p = &x;
int main(void) { printf("%d %d\n", *p, x); return 0; }
'''


def test_static_pie_with_local_symbols_relocates_a_global_seen_from_data_and_code(
        static_pie_libc, cc, target, runner, tmp_path):
    from staticpython.cpython import LOCAL_SYMBOLS
    (tmp_path / 'x.c').write_text(GLOBAL)
    (tmp_path / 'main.c').write_text(USER)
    (tmp_path / 'local.ver').write_text(LOCAL_SYMBOLS)
    exe = tmp_path / 'prog'
    proc = subprocess.run([cc, '-O2', '-fPIE', '-static-pie', f'-Wl,--version-script={tmp_path}/local.ver',
                           str(tmp_path / 'x.c'), str(tmp_path / 'main.c'), '-o', str(exe)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert symbolic_relocations(exe) == []
    run = run_alone(str(exe), runner=runner)
    assert run.returncode == 0 and run.stdout == b'5 5\n', describe(run)
