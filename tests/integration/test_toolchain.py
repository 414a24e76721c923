"""The compiler wrapper against the real sysroot: it sees musl and gcc's own headers and
nothing of the build machine's C library, and it works wherever the build tree is moved."""
import os
import shutil
import subprocess

import pytest

from isolation import run_alone

HELLO = ('#include <stdio.h>\n#include <stdlib.h>\n'
         '#ifdef __GLIBC__\n#error glibc headers\n#endif\n'
         'int main(void) { printf("hello %d\\n", abs(-7)); return 0; }\n')


def compile_c(cc, tmp_path, text, *flags, name='prog'):
    src = tmp_path / f'{name}.c'
    src.write_text(text)
    out = tmp_path / name
    return subprocess.run([str(cc), '-O2', str(src), '-o', str(out), *flags],
                          capture_output=True, text=True), out


def search_list(cc, *mode):
    proc = subprocess.run([cc, '-xc', *mode, '-v', '-o', '/dev/null', '/dev/null'],
                          capture_output=True, text=True)
    lines = proc.stderr.splitlines()
    start = lines.index('#include <...> search starts here:')
    return [line.strip() for line in lines[start + 1:lines.index('End of search list.')]]


@pytest.mark.parametrize('mode', [['-E'], ['-c']], ids=['preprocess', 'compile'])
def test_headers_come_from_gcc_and_the_sysroot_only(cc, build_root, mode):
    dirs = search_list(cc, *mode)
    gcc_include = subprocess.run(['gcc', '-print-file-name=include'], capture_output=True,
                                 text=True).stdout.strip()
    assert [os.path.realpath(d) for d in dirs] == \
        [os.path.realpath(gcc_include), os.path.realpath(os.path.join(build_root, 'sysroot/usr/include'))]


def test_a_glibc_only_header_is_not_found(cc, tmp_path):
    proc, _ = compile_c(cc, tmp_path, '#include <gnu/libc-version.h>\nint main(void) { return 0; }\n')
    assert proc.returncode != 0 and 'gnu/libc-version.h' in proc.stderr


def test_a_glibc_only_library_is_not_found(cc, tmp_path):
    proc, _ = compile_c(cc, tmp_path, 'int main(void) { return 0; }\n', '-lanl')
    assert proc.returncode != 0 and 'lanl' in proc.stderr


def test_a_program_runs_alone(cc, tmp_path):
    proc, exe = compile_c(cc, tmp_path, HELLO)
    assert proc.returncode == 0, proc.stderr
    assert run_alone(str(exe), []).stdout == b'hello 7\n'


def test_moved_toolchain_and_sysroot_still_work(build_root, tmp_path):
    """The wrapper finds ../sysroot from wherever it is: the same bytes serve every checkout."""
    moved = tmp_path / 'moved'
    for part in ('toolchain', 'sysroot'):
        shutil.copytree(os.path.join(build_root, part), moved / part, symlinks=True)
    shutil.rmtree(moved / 'sysroot' / 'usr' / 'share', ignore_errors=True)
    cc = next((moved / 'toolchain').glob('*-gcc'))
    assert build_root.encode() not in cc.read_bytes()
    proc, exe = compile_c(cc, tmp_path, HELLO, '-v')
    assert proc.returncode == 0, proc.stderr
    assert build_root not in proc.stderr.replace(str(moved), '<moved>')
    assert subprocess.run([str(exe)], capture_output=True, text=True).stdout == 'hello 7\n'
