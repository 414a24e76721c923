"""The built interpreter as a file: a fully static ELF executable for GNU/Linux with the
standard library appended as a deterministic ZIP archive."""
import fnmatch
import json
import os
import subprocess
import zipfile

import pytest
from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile

from conftest import REPO
from elfcheck import symbolic_relocations
from isolation import describe, on_host
from versions import OUR_FILES, THIS, XY, has, requires

LEFT_OUT = ('test/', 'idlelib/', 'tkinter/', 'lib-tk/', 'plat-linux2/')
INDEX = '.staticpython-zipindex'    # the directory index, stored last (test_python_zipindex)


@pytest.fixture(scope='module')
def elf_facts(python):
    with open(python, 'rb') as f:
        elf = ELFFile(f)
        return {
            'segments': [seg['p_type'] for seg in elf.iter_segments()],
            'sections': [sec.name for sec in elf.iter_sections()],
            'dynamic_sections': [sec.name for sec in elf.iter_sections()
                                 if isinstance(sec, DynamicSection)],
            'needed': [tag.needed for sec in elf.iter_sections()
                       if isinstance(sec, DynamicSection)
                       for tag in sec.iter_tags() if tag.entry.d_tag == 'DT_NEEDED'],
            'e_type': elf['e_type'],
            'osabi': elf['e_ident']['EI_OSABI'],
            'class': elf.elfclass,
            # Where the ELF file ends and the appended ZIP begins.
            'end': max([seg['p_offset'] + seg['p_filesz'] for seg in elf.iter_segments()]
                       + [sec['sh_offset'] + sec['sh_size'] for sec in elf.iter_sections()
                          if sec['sh_type'] != 'SHT_NOBITS']
                       + [elf['e_shoff'] + elf['e_shnum'] * elf['e_shentsize']]),
        }


@pytest.fixture(scope='module')
def infos(python):
    with zipfile.ZipFile(python) as z:
        return z.infolist()


@pytest.fixture(scope='module')
def members(infos):
    """The library's members: every entry but the directory index."""
    return [i for i in infos if i.filename != INDEX]


@pytest.fixture(scope='module')
def names(members):
    return [i.filename for i in members]


def test_no_program_interpreter(elf_facts):
    assert elf_facts['segments'], 'no program headers at all'
    assert 'PT_LOAD' in elf_facts['segments'], elf_facts['segments']
    assert 'PT_INTERP' not in elf_facts['segments'], elf_facts['segments']


def test_dynamic_segment_only_for_its_own_relocations(elf_facts, pie):
    # A static-pie relocates itself: its dynamic section holds its relocations, nothing more.
    assert ('PT_DYNAMIC' in elf_facts['segments']) == pie, elf_facts['segments']


def test_no_program_interpreter_nor_needed_libraries(elf_facts, pie):
    assert '.text' in elf_facts['sections'], elf_facts['sections']
    assert '.interp' not in elf_facts['sections'], elf_facts['sections']
    assert ('.dynamic' in elf_facts['sections']) == pie, elf_facts['sections']
    assert elf_facts['needed'] == []


def test_executable_kind(elf_facts, pie, target):
    # ET_DYN: a static-pie, loaded at a random address; ET_EXEC: a fixed-address executable
    assert elf_facts['e_type'] == ('ET_DYN' if pie else 'ET_EXEC')
    assert elf_facts['class'] == target.elf_class


def test_only_relative_relocations_at_start_up(python):
    # musl's static-pie start-up applies relative relocations only: one naming a symbol
    # would stay unapplied (the riscv64 and s390x linkers made them, see LOCAL_SYMBOLS).
    assert symbolic_relocations(python) == []


def test_osabi_is_gnu_linux(elf_facts):
    assert elf_facts['osabi'] == 'ELFOSABI_LINUX'


def test_executable_names_no_path_of_this_checkout(python, elf_facts):
    """Build paths in the code would make every checkout build a different binary."""
    with open(python, 'rb') as f:
        code = f.read(elf_facts['end'])
    with zipfile.ZipFile(python) as z:
        first = min(i.header_offset for i in z.infolist())  # absolute: zipfile adds the offset
    assert 0 < elf_facts['end'] <= first
    for path in {REPO + '/', os.path.realpath(REPO) + '/'}:
        at = code.find(path.encode())
        assert at < 0, f'{path} at offset {at}: {code[max(0, at - 40):at + 80]!r}'


def test_zip_names_no_path_of_this_checkout(python):
    with zipfile.ZipFile(python) as z:
        for info in z.infolist():
            data = z.read(info)
            for path in {REPO + '/', os.path.realpath(REPO) + '/'}:
                at = data.find(path.encode())
                assert at < 0, f'{info.filename}: {data[max(0, at - 60):at + 60]!r}'


def test_appended_zip_opens(python, infos):
    assert len(infos) > 500, f'only {len(infos)} entries in the appended ZIP'
    with open(python, 'rb') as f:
        assert f.read(4) == b'\x7fELF'          # the ZIP is appended, the ELF comes first


def test_zip_members_are_intact(python):
    with zipfile.ZipFile(python) as z:
        assert z.testzip() is None


@pytest.mark.parametrize('name', ['os.py', 'encodings/__init__.py', 'json/__init__.py',
                                  'json/__init__.pyc', 'email/message.pyc'] +
                         [n + c for n in OUR_FILES for c in ('', 'c')[:1 + n.endswith('.py')]])
def test_zip_has(names, name):
    assert name in names


def test_zip_has_sysconfigdata(names):
    found = [n for n in names if '/' not in n and fnmatch.fnmatch(n, THIS.sysconfigdata)]
    assert found, f'no top-level {THIS.sysconfigdata} in the ZIP'


@pytest.fixture(scope='module')
def frozen(python):
    """The ZIP names of the sources of the interpreter's frozen modules (os, site, ...)."""
    if not has('frozen'):
        return set()
    code = ('import _imp, json; print(json.dumps(sorted({(o or n).replace(".", "/") + '
            '("/__init__.py" if p else ".py") for n in _imp._frozen_module_names() '
            'for _, p, o in [_imp.find_frozen(n)]})))')
    p = subprocess.run(on_host([python, '-I', '-c', code]), capture_output=True, text=True)
    assert p.returncode == 0, describe(p)
    return set(json.loads(p.stdout))


def test_every_py_has_its_pyc_but_the_frozen_ones(names, frozen):
    """A frozen module imports from its copy in the executable: its .pyc would be stored
    twice; its source is there for tracebacks and inspect."""
    have = set(names)
    assert THIS.frozen <= frozen & have
    missing = [n for n in names if n.endswith('.py') and n not in frozen and n + 'c' not in have]
    assert not missing, missing
    twice = sorted(n + 'c' for n in frozen if n + 'c' in have)
    assert not twice, twice


def test_json_pyc_matches_the_interpreter(python):
    """The .pyc carries the interpreter's own magic number (compiled by it) and is an
    unchecked hash-based pyc (flags 0b01), valid whatever the ZIP dates are (2.7: the
    source mtime that its zipimport reads from the ZIP's fixed dates, THIS.pyc_word)."""
    with zipfile.ZipFile(python) as z:
        head = z.read('json/__init__.pyc')[:8]
    assert head[2:4] == b'\r\n', head
    magic = int.from_bytes(head[:2], 'little')
    assert magic in THIS.magic, f'magic {magic} is not a CPython {XY} magic number'
    assert int.from_bytes(head[4:8], 'little') == THIS.pyc_word, head


@pytest.mark.parametrize('prefix', LEFT_OUT)
def test_zip_leaves_out(names, prefix):
    found = [n for n in names if n.startswith(prefix)]
    assert not found, found[:20]


def test_zip_dates_are_fixed(infos):
    wrong = [(i.filename, i.date_time) for i in infos if i.date_time != (1980, 1, 1, 0, 0, 0)]
    assert not wrong, wrong[:20]


def test_zip_entries_are_sorted(names):
    assert len(names) == len(set(names)), 'duplicate entries'
    wrong = [(a, b) for a, b in zip(names, names[1:]) if a > b]
    assert not wrong, wrong[:20]


def test_zip_entries_are_deflated(members):
    """Every file's entry (a namespace package's directory entry has no data)."""
    wrong = [i.filename for i in members
             if i.compress_type != zipfile.ZIP_DEFLATED and not i.is_dir()]
    assert not wrong, wrong[:20]


@requires('zipindex')
def test_zip_index_is_the_last_entry_and_stored(infos):
    # Stored, so that zipimport reads it with one read at the offset the comment gives.
    assert infos[-1].filename == INDEX, infos[-1].filename
    assert infos[-1].compress_type == zipfile.ZIP_STORED
    assert [i.filename for i in infos].count(INDEX) == 1
