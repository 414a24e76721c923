"""normalize_ar: static libraries get the same bytes whenever they were archived."""
import os

import pytest

from staticpython import steps


def member(name, data, date):
    header = (name.ljust(16) + str(date).ljust(12) + '0'.ljust(6) + '0'.ljust(6)
              + '644'.ljust(8) + str(len(data)).ljust(10) + '`\n').encode('ascii')
    assert len(header) == 60
    return header + data + (b'\n' if len(data) % 2 else b'')


def archive(date, members=(('a.o/', b'odd'), ('bb.o/', b'even'), ('c.o/', b'x' * 7))):
    return steps.AR_MAGIC + b''.join(member(n, d, date) for n, d in members)


def test_member_dates_become_zero_and_nothing_else_changes(tmp_path):
    lib = tmp_path / 'libx.a'
    lib.write_bytes(archive(1763938000))
    assert steps.normalize_ar(str(lib)) is True
    assert lib.read_bytes() == archive(0)


def test_archives_from_different_times_become_identical(tmp_path):
    one, two = tmp_path / 'one.a', tmp_path / 'two.a'
    one.write_bytes(archive(1700000000))
    two.write_bytes(archive(1763938000))
    steps.normalize_archives(str(tmp_path))
    assert one.read_bytes() == two.read_bytes()


def test_files_that_are_not_archives_are_left_alone(tmp_path):
    thin = tmp_path / 'thin.a'
    thin.write_bytes(b'!<thin>\n' + b'x' * 80)
    text = tmp_path / 'notes.a'
    text.write_bytes(b'not an archive\n')
    assert steps.normalize_ar(str(thin)) is False
    assert steps.normalize_ar(str(text)) is False
    assert thin.read_bytes() == b'!<thin>\n' + b'x' * 80
    assert text.read_bytes() == b'not an archive\n'


def test_a_damaged_member_header_is_an_error(tmp_path):
    lib = tmp_path / 'bad.a'
    data = bytearray(archive(5))
    data[8 + 58] = ord('X')
    lib.write_bytes(bytes(data))
    with pytest.raises(steps.StepError, match='damaged ar member header at offset 8'):
        steps.normalize_ar(str(lib))


def test_symlinked_archives_are_not_followed(tmp_path):
    real = tmp_path / 'real'
    real.mkdir()
    (real / 'libx.a').write_bytes(archive(99))
    out = tmp_path / 'tree'
    out.mkdir()
    os.symlink(real / 'libx.a', out / 'libx.a')
    steps.normalize_archives(str(out))
    assert (real / 'libx.a').read_bytes() == archive(99)
