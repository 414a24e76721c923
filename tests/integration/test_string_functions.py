"""Our memcpy, memmove, memset and memcmp (src/staticpython_string.c), compiled the way the
interpreter's link gets them, replace the C library's in a static program and agree with
byte-by-byte definitions at every length, alignment and overlap (tests/integration/c/
string_functions.c), on the target's CPU: natively or under qemu."""
import os
import subprocess

import pytest

from elftools.elf.elffile import ELFFile

from conftest import REPO
from elfcheck import static_problems
from isolation import describe, run_alone


def test_string_functions_replace_the_c_librarys_and_are_right(cc, target, libc, libc_data,
                                                              runner, tmp_path):
    from staticpython import cpython   # the build procedure of every version
    if not libc_data.string_functions:
        pytest.skip(f'the interpreter keeps {libc}\'s own (libcs.py says why); '
                    'test_the_c_librarys_string_functions_are_right checks them')
    obj = tmp_path / 'string.o'
    subprocess.run([cc, *cpython.STRING_FLAGS, '-c', os.path.join(REPO, cpython.STRING_FUNCTIONS),
                    '-o', obj], check=True)
    prog = build_check(cc, tmp_path, obj)             # a duplicate definition fails here
    assert static_problems(prog, target) == []
    with open(prog, 'rb') as f:
        symbols = {s.name: s for s in ELFFile(f).get_section_by_name('.symtab').iter_symbols()}
    with open(obj, 'rb') as f:
        ours = {s.name for s in ELFFile(f).get_section_by_name('.symtab').iter_symbols()
                if s['st_shndx'] != 'SHN_UNDEF' and s['st_info']['bind'] == 'STB_GLOBAL'}
    assert ours == {'memcpy', 'memmove', 'memset', 'memcmp'}
    # The C library's own objects were not linked: musl's x86 memmove calls __memcpy_fwd.
    assert '__memcpy_fwd' not in symbols
    run_check(prog, runner)


def test_the_c_librarys_string_functions_are_right(cc, target, runner, tmp_path):
    """The same checks against the C library's own functions, which the interpreter uses
    where ours do not replace them."""
    run_check(build_check(cc, tmp_path), runner)


def build_check(cc, tmp_path, *objects):
    """tests/integration/c/string_functions.c linked with `objects` (ours, or none)."""
    prog = tmp_path / 'check'
    built = subprocess.run([cc, '-O2', '-fno-builtin',
                            os.path.join(REPO, 'tests/integration/c/string_functions.c'),
                            *objects, '-o', prog], capture_output=True, text=True)
    assert built.returncode == 0, describe(built)
    return prog


def run_check(prog, runner):
    done = run_alone(prog, runner=runner, timeout=600)
    assert done.returncode == 0 and done.stdout == b'ok\n', describe(done)
