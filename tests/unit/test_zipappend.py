"""ZipAppend's pieces that need no interpreter: the source ZIP, concatenation, OSABI."""
import os
import sys
import zipfile
import zlib

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, 'site_scons', 'site_tools'))

import zipappend  # noqa: E402
from staticpython import stdlib_zip  # noqa: E402


def tree(root):
    for rel, data in {'b.py': 'x = 1\n', 'a/__init__.py': '', 'a/z.txt': 'data'}.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(data)


def test_source_zip_is_sorted_dated_and_reproducible(tmp_path):
    tree(tmp_path / 'lib')
    os.utime(tmp_path / 'lib' / 'b.py', (1, 1))
    stdlib_zip.write(str(tmp_path / 'lib'), str(tmp_path / 'one.zip'), 9, bytecode=False)
    os.utime(tmp_path / 'lib' / 'b.py', None)            # a different mtime changes nothing
    stdlib_zip.write(str(tmp_path / 'lib'), str(tmp_path / 'two.zip'), 9, bytecode=False)
    assert (tmp_path / 'one.zip').read_bytes() == (tmp_path / 'two.zip').read_bytes()
    with zipfile.ZipFile(tmp_path / 'one.zip') as z:
        names = z.namelist()
        assert names == sorted(names) == ['a/__init__.py', 'a/z.txt', 'b.py']
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())


def test_members_are_deflated_at_the_level_asked_for(tmp_path):
    # Real source text, which zlib packs differently at 1, its default 6 and 9 (checked).
    with open(zipfile.__file__) as f:
        text = f.read()
    (tmp_path / 'lib').mkdir()
    (tmp_path / 'lib' / 'm.py').write_text(text)
    data = text.encode()
    sizes = {}
    for level in (1, 6, 9):
        c = zlib.compressobj(level, zlib.DEFLATED, -15)
        sizes[level] = len(c.compress(data) + c.flush())
    assert len({sizes[1], sizes[6], sizes[9]}) == 3
    for level in (1, 9):
        out = tmp_path / f'{level}.zip'
        stdlib_zip.write(str(tmp_path / 'lib'), str(out), level, bytecode=False)
        with zipfile.ZipFile(out) as z:
            assert z.getinfo('m.py').compress_size == sizes[level]
            assert z.read('m.py') == data


def test_concatenate_sets_osabi_and_keeps_zip_readable(tmp_path):
    elf = tmp_path / 'exe'
    elf.write_bytes(b'\x7fELF\x02\x01\x01\x00' + b'\x00' * 200)
    tree(tmp_path / 'lib')
    stdlib_zip.write(str(tmp_path / 'lib'), str(tmp_path / 'l.zip'), 9, bytecode=False)
    out = tmp_path / 'out'
    zipappend.concatenate(str(elf), str(tmp_path / 'l.zip'), str(out))
    data = out.read_bytes()
    assert data[7] == zipappend.ELFOSABI_GNU == 3
    assert os.access(out, os.X_OK)
    with zipfile.ZipFile(out) as z:                      # prepended data is allowed
        assert z.read('a/z.txt') == b'data'


def test_set_osabi_refuses_a_non_elf(tmp_path):
    p = tmp_path / 'f'
    p.write_bytes(b'#!/bin/sh\n' + b'\x00' * 20)
    try:
        zipappend.set_osabi(str(p), 3)
    except ValueError as e:
        assert 'not an ELF' in str(e)
    else:
        raise AssertionError('set_osabi accepted a non-ELF file')
    assert p.read_bytes()[7] != 3
