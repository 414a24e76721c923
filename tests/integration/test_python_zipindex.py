"""The appended ZIP's directory index (stdlib_zip.add_index, patch 0016 of zipimport): the
interpreter reads the same directory from it as from the central directory, uses it at
start-up, and parses the central directory when the index does not fit the file (the ZIP
at another offset, a damaged index)."""
import json
import os
import struct
import subprocess

from isolation import Root, describe, on_host
from versions import requires

pytestmark = requires('zipindex')

MAGIC = b'staticpython-zipindex3\0'
COMPARE = r'''
import json, sys, zipimport
path = sys.argv[1]
zipimport._use_index = True
directory = zipimport._read_directory(path)
indexed = {name: directory[name] for name in directory}
found = all(name in directory for name in indexed)
absent = [name for name in ('no/such.py', 'json', 'json/', 'json/__init__.p', '', '\udcff')
          if name in directory or directory.get(name) is not None]
zipimport._use_index = False
parsed = zipimport._read_directory(path)
rest = {k: v for k, v in parsed.items() if k != '.staticpython-zipindex'}
member = zipimport.zipimporter(path).get_data(path + '/json/__init__.py')[:4].decode()
print(json.dumps([len(indexed), len(parsed), indexed == rest, indexed == parsed, member,
                  type(directory).__name__, dict(directory.items()) == indexed, found, absent]))
'''


def compare(python, path):
    p = subprocess.run(on_host([python, '-I', '-c', COMPARE, str(path)]), capture_output=True, text=True)
    assert p.returncode == 0, describe(p)
    return json.loads(p.stdout)


def test_the_index_is_the_central_directory(python):
    entries, parsed, from_index, from_directory, member, kind, items, found, absent = \
        compare(python, python)
    # Everything but the index's own member, which the index cannot describe.
    assert entries > 1000 and entries == parsed - 1 and from_index and not from_directory
    assert member == 'r"""' and kind == '_IndexedDirectory' and items
    # Every name is found by its hash, and no other name (a directory's name is not a member).
    assert found and absent == []


def test_start_up_reads_the_index_and_not_the_directory(python):
    with Root() as root:
        root.add('/python', copy_of=python)
        p = root.run(['/python', '-v', '-c', 'import json'], proc=False, env={})
    assert p.returncode == 0, describe(p)
    assert "zipimport: read the index of '/python'" in p.stderr, describe(p)
    assert 'zipimport: found' not in p.stderr, describe(p)


def _comment(data):
    assert data[-len(MAGIC) - 24:-24] == MAGIC, 'the archive comment is not the index locator'
    return struct.unpack('<QQQ', data[-24:])


def test_a_zip_at_another_offset_is_parsed(python, tmp_path):
    data = open(python, 'rb').read()
    moved = tmp_path / 'moved.zip'
    moved.write_bytes(b'\0' * 4096 + data)
    entries, parsed, _, from_directory, member, kind, *_ = compare(python, moved)
    # The index (written for the original offset) is not used: both reads parse the
    # central directory.
    assert from_directory and entries == parsed and member == 'r"""' and kind == 'dict'


def test_a_damaged_index_is_ignored(python, tmp_path):
    data = bytearray(open(python, 'rb').read())
    offset, size, _ = _comment(data)
    data[offset:offset + 16] = b'\xff' * 16          # no table's size any more
    damaged = tmp_path / 'python'
    damaged.write_bytes(bytes(data))
    os.chmod(damaged, 0o755)
    entries, parsed, _, from_directory, member, kind, *_ = compare(damaged, damaged)
    assert from_directory and entries == parsed and member == 'r"""' and kind == 'dict'
    p = subprocess.run(on_host([damaged, '-c', 'import json, email.message; print("ok")']),
                       capture_output=True, text=True)
    assert p.stdout == 'ok\n', describe(p)
