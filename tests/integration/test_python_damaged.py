"""A damaged executable (truncated download, broken ZIP end record, corrupted member) must
fail with a clear message and an exit status, never with a crash."""
import os
import re
import struct
import zipfile
import zlib

import pytest

from isolation import Root, describe
from versions import BIN, PROGRAM

ENV = {'PATH': '/usr/bin:/bin', 'LANG': 'C.UTF-8'}
COMMAND = [BIN, '-c', 'import json; print(1)']
PROC = pytest.mark.parametrize('proc', [True, False], ids=['proc', 'noproc'])
EOCD = b'PK\x05\x06'
CORRUPTED_MEMBERS = ('json/decoder.pyc', 'json/decoder.py')


def run_copy(path, proc):
    with Root() as root:
        root.add(BIN, copy_of=path)
        return root.run(COMMAND, proc=proc, env=ENV)


def assert_failed_cleanly(p):
    """An exit status from the program itself: not a signal, neither directly (negative)
    nor as a shell would report it (128 + signal number, e.g. 134 or 139)."""
    assert 0 < p.returncode < 128, describe(p)
    assert p.stderr.strip(), describe(p)
    assert p.stdout == '', describe(p)
    assert 'Segmentation fault' not in p.stderr and 'Fatal Python error' not in p.stderr, \
        describe(p)


def _eocd_position(data):
    pos = data.rfind(EOCD, max(0, len(data) - 22 - 65535))
    assert pos >= 0, 'no end of central directory record in the built interpreter'
    return pos


def _truncated(data):
    return data[:-1000]


def _eocd_destroyed(data):
    pos = _eocd_position(data)
    data = bytearray(data)
    data[pos:pos + 4] = b'XXXX'
    assert EOCD not in data[-22 - 65535:]
    return bytes(data)


def _local_data_range(data, info, concat):
    """(start, end) in the file of `info`'s compressed data."""
    name = info.filename.encode()
    for offset in (info.header_offset, info.header_offset + concat):
        if data[offset:offset + 4] == b'PK\x03\x04' and \
                data[offset + 30:offset + 30 + len(name)] == name:
            name_len, extra_len = struct.unpack('<HH', data[offset + 26:offset + 30])
            start = offset + 30 + name_len + extra_len
            return start, start + info.compress_size
    raise AssertionError(f'local header of {info.filename} not found')


def _members_corrupted(data, python, where):
    """Overwrite compressed data of CORRUPTED_MEMBERS with 0xff bytes: a run in the middle
    (inflates to garbage or fails), or the first bytes (an invalid deflate block type)."""
    pos = _eocd_position(data)
    cd_size, cd_offset = struct.unpack('<II', data[pos + 12:pos + 20])
    concat = pos - cd_size - cd_offset          # where the archive starts in the file
    data = bytearray(data)
    with zipfile.ZipFile(python) as z:
        for name in CORRUPTED_MEMBERS:
            info = z.getinfo(name)
            assert info.compress_type == zipfile.ZIP_DEFLATED, name
            start, end = _local_data_range(data, info, concat)
            original = z.read(name)
            if where == 'middle':
                run = max(16, min(64, info.compress_size // 4))
                first = start + info.compress_size // 2 - run // 2
            else:
                run, first = 16, start
            data[first:first + run] = b'\xff' * run
            try:
                damaged = zlib.decompress(bytes(data[start:end]), -15)
            except zlib.error:
                continue
            assert where == 'middle', f'{name}: the deflate stream should be invalid'
            assert damaged != original, f'overwriting did not change {name}'
    return bytes(data)


@pytest.fixture(scope='module')
def copies(python, tmp_path_factory):
    with open(python, 'rb') as f:
        data = f.read()
    tmp = tmp_path_factory.mktemp('damaged')
    out = {}
    for kind, damage in (('truncated', _truncated), ('eocd', _eocd_destroyed),
                         ('member-middle', lambda d: _members_corrupted(d, python, 'middle')),
                         ('member-start', lambda d: _members_corrupted(d, python, 'start'))):
        path = str(tmp / kind)
        with open(path, 'wb') as f:
            f.write(damage(data))
        os.chmod(path, 0o755)
        out[kind] = path
    return out


@PROC
def test_undamaged_runs(python, proc):
    p = run_copy(python, proc)
    assert p.returncode == 0, describe(p)
    assert p.stdout == '1\n', describe(p)


@PROC
@pytest.mark.parametrize('kind', ['truncated', 'eocd'])
def test_damaged_zip_is_reported_by_main(copies, proc, kind):
    p = run_copy(copies[kind], proc)
    assert_failed_cleanly(p)
    assert p.stderr.startswith(PROGRAM + ': '), describe(p)   # our main's message
    assert BIN in p.stderr, describe(p)
    assert re.search(r'damaged|missing', p.stderr), describe(p)
    assert 'Traceback' not in p.stderr, describe(p)


@PROC
@pytest.mark.parametrize('kind', ['member-middle', 'member-start'])
def test_corrupted_member(copies, proc, kind):
    p = run_copy(copies[kind], proc)
    assert_failed_cleanly(p)
    assert 'json' in p.stderr, describe(p)
