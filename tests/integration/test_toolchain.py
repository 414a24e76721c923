"""The toolchain sees only itself: GCC's own headers and libraries and its sysroot, never
the build machine's (for -E, compiling and linking, in C and C++), and it works wherever
its directory is moved."""
import os
import re
import shutil
import subprocess

import pytest

from elfcheck import static_problems
from isolation import describe, run_alone

# uClibc-ng's headers define __GLIBC__ too (2.2), and __UCLIBC__.
HELLO = ('#include <stdio.h>\n#include <stdlib.h>\n'
         '#if defined __GLIBC__ && !defined __UCLIBC__\n#error glibc headers\n#endif\n'
         'int main(void) { printf("hello %d\\n", abs(-7)); return 0; }\n')
LANGS = ('c', 'c++')


@pytest.fixture(scope='module')
def compilers(cc, cxx):
    return {'c': cc, 'c++': cxx}


def inside(path, root):
    path, root = os.path.realpath(path), os.path.realpath(root)
    return os.path.commonpath([path, root]) == root


def compile_program(compiler, tmp_path, text, *flags, lang='c', name='prog'):
    src = tmp_path / f'{name}.{"cc" if lang == "c++" else "c"}'
    src.write_text(text)
    out = tmp_path / name
    return subprocess.run([str(compiler), '-O2', str(src), '-o', str(out), *flags],
                          capture_output=True, text=True), out


def include_dirs(compiler, lang, *mode):
    proc = subprocess.run([compiler, f'-x{lang}', *mode, '-v', '-o', '/dev/null', '/dev/null'],
                          capture_output=True, text=True)
    lines = proc.stderr.splitlines()
    start = lines.index('#include <...> search starts here:')
    return [line.strip() for line in lines[start + 1:lines.index('End of search list.')]]


@pytest.mark.parametrize('lang', LANGS)
@pytest.mark.parametrize('mode', [['-E'], ['-c']], ids=['preprocess', 'compile'])
def test_headers_come_from_the_toolchain_only(compilers, toolchain_dir, triple, lang, mode):
    dirs = include_dirs(compilers[lang], lang, *mode)
    assert dirs and all(inside(d, toolchain_dir) for d in dirs), dirs
    # The C library's headers come last, from the sysroot; C++ has its own before GCC's.
    sysroot_include = os.path.join(toolchain_dir, triple, 'sysroot', 'usr', 'include')
    assert os.path.realpath(dirs[-1]) == os.path.realpath(sysroot_include), dirs
    assert any('/c++/' in os.path.realpath(d) for d in dirs) == (lang == 'c++'), dirs


@pytest.mark.parametrize('lang', LANGS)
def test_library_search_path_is_the_toolchain_only(compilers, toolchain_dir, lang):
    out = subprocess.run([compilers[lang], '-print-search-dirs'], capture_output=True,
                         text=True, check=True).stdout
    (line,) = [l for l in out.splitlines() if l.startswith('libraries: =')]
    dirs = line.split('=', 1)[1].split(':')
    assert dirs and all(inside(d, toolchain_dir) for d in dirs), dirs


@pytest.mark.parametrize('lang', LANGS)
def test_a_link_reads_only_toolchain_files(compilers, toolchain_dir, tmp_path, lang):
    """ld --verbose names every file it opened: all of them are the toolchain's or ours."""
    proc, exe = compile_program(compilers[lang], tmp_path, HELLO, '-Wl,--verbose', lang=lang)
    assert proc.returncode == 0, proc.stderr
    opened = re.findall(r'^attempt to open (\S+) succeeded$', proc.stdout, re.M)
    assert opened, proc.stdout[-3000:]
    outside = [p for p in opened if not inside(p, toolchain_dir) and not inside(p, tmp_path)
               and not p.startswith('/tmp/cc')]   # the compiler's own temporary objects
    assert not outside, outside
    # ld's built-in directories are all inside the sysroot ("=" prefix).
    search = re.findall(r'SEARCH_DIR\("([^"]*)"\)', proc.stdout)
    assert search and all(d.startswith('=') for d in search), search


@pytest.mark.parametrize('lang', LANGS)
@pytest.mark.parametrize('include', ['gnu/lib-names.h', 'zlib.h'])   # glibc's alone, zlib's
def test_a_header_of_the_build_machine_is_not_found(compilers, tmp_path, lang, include):
    host = subprocess.run(['gcc', '-E', '-o', '/dev/null', '-'], input=f'#include <{include}>\n',
                          capture_output=True, text=True)
    assert host.returncode == 0, f'the build machine\'s gcc should find {include}: {host.stderr}'
    proc, _ = compile_program(compilers[lang], tmp_path, f'#include <{include}>\nint main() {{}}\n',
                              lang=lang)
    assert proc.returncode != 0 and include in proc.stderr, describe(proc)


@pytest.mark.parametrize('lang', LANGS)
def test_a_library_of_the_build_machine_is_not_found(compilers, tmp_path, lang):
    proc, _ = compile_program(compilers[lang], tmp_path, 'int main() { return 0; }\n', '-lz',
                              lang=lang)
    assert proc.returncode != 0 and '-lz' in proc.stderr, describe(proc)


def test_a_c_program_is_static_and_runs_alone(cc, target, runner, tmp_path):
    proc, exe = compile_program(cc, tmp_path, HELLO)
    assert proc.returncode == 0, proc.stderr
    assert static_problems(exe, target) == []
    run = run_alone(str(exe), runner=runner)
    assert run.stdout == b'hello 7\n', describe(run)


def test_the_driver_names_the_target(cc, triple):
    answer = subprocess.run([cc, '-dumpmachine'], capture_output=True, text=True).stdout.strip()
    assert answer == triple


def test_moved_toolchain_still_works(toolchain_dir, triple, target, runner, tmp_path):
    """Everything is found relative to the compiler: the same bytes serve every checkout."""
    moved = tmp_path / 'moved'
    shutil.copytree(toolchain_dir, moved, symlinks=True)
    cc = moved / 'bin' / f'{triple}-gcc'
    proc, exe = compile_program(cc, tmp_path, HELLO, '-v')
    assert proc.returncode == 0, proc.stderr
    original = os.path.realpath(toolchain_dir)
    assert original not in proc.stderr.replace(str(moved), '<moved>'), proc.stderr
    assert run_alone(str(exe), runner=runner).stdout == b'hello 7\n'
