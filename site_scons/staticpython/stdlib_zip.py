"""The standard-library ZIP: one deterministic writer for both stages of ZipAppend.

Imported by the build (first stage: sources only) and also run as a script by the freshly
built interpreter, so that the bytecode matches it (final stage):

    python -I -S stdlib_zip.py LIBROOT OUT.zip LEVEL ARC_OFFSET

It must stay self-contained (standard library only). Entries are sorted by full name and
carry a fixed date; .pyc files are unchecked hash-based (PEP 552), valid whatever the ZIP's
timestamps and byte-identical from build to build.

The final ZIP also carries its directory index (patches/cpython3.1x/.../
0016-zipimport-directory-index.patch): a hash table of the members' names and a packed
record of each one's directory entry, for the ZIP placed ARC_OFFSET bytes into the file
(after the executable), in a last stored member, INDEX_NAME, which the archive comment
locates.
"""
import importlib.util
import os
import struct
import sys
import zipfile

INDEX_NAME = '.staticpython-zipindex'

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
# An index record before its name (zipimport.INDEX_RECORD bytes): the name's length,
# compress, crc, data_size, file_size, file_offset, time, date.
INDEX_RECORD = '<HHIIIQHH'


def entry(name):
    info = zipfile.ZipInfo(name, FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def files(root):
    """(name in the ZIP, path) of every file under `root`, sorted by name."""
    return sorted((os.path.relpath(os.path.join(d, f), root).replace(os.sep, '/'),
                   os.path.join(d, f))
                  for d, _, names in os.walk(root) for f in names)


def namespace_dirs(names):
    """The directories among the ZIP `names` that hold modules, or such directories, but no
    __init__.py: the portions of namespace packages (zope of zope.interface), which
    zipimport finds by their directory entry only."""
    found = {}
    for name in names:
        directory, _, base = name.rpartition('/')
        if directory:
            found.setdefault(directory, set()).add(base)
    out = set()
    for directory, bases in found.items():
        if '__init__.py' in bases:             # a package: is its parent a namespace?
            directory = directory.rpartition('/')[0]
        elif not any(b.endswith('.py') for b in bases):
            continue
        while directory and '__init__.py' not in found.get(directory, ()):
            out.add(directory)
            directory = directory.rpartition('/')[0]
    return sorted(out)


def dir_entry(name):
    info = zipfile.ZipInfo(name + '/', FIXED_DATE)
    info.create_system = 3
    info.external_attr = (0o40755 << 16) | 0x10        # a directory (Unix mode, MS-DOS flag)
    return info


def frozen_sources():
    """The ZIP names of the sources of the modules frozen into the running interpreter
    (importlib's bootstrap, os, site, codecs, encodings, ...). Those always import from the
    frozen copy (unless -X frozen_modules=off, when zipimport compiles the source), so the
    ZIP holds their .py for tracebacks and inspect, but no .pyc."""
    import _imp
    names = set()
    for name in _imp._frozen_module_names():
        _, ispkg, origin = _imp.find_frozen(name)
        names.add((origin or name).replace('.', '/') + ('/__init__.py' if ispkg else '.py'))
    return names


def write(root, out_path, level, bytecode):
    """Write the ZIP; with `bytecode`, a .pyc beside each .py but those of the running
    interpreter's frozen modules. Returns compile errors. Each member is given the level:
    writestr() takes a ZipInfo's own (unset: zlib's default, 6), not the ZipFile's."""
    if bytecode:
        from importlib._bootstrap_external import _code_to_hash_pyc
        frozen = frozen_sources()
    errors = []
    members = files(root)
    namespaces = namespace_dirs(name for name, _ in members)
    # The namespace portions' directory entries in their sorted place among the files.
    entries = sorted(members + [(directory + '/', None) for directory in namespaces])
    with zipfile.ZipFile(out_path, 'w') as z:
        for arcname, path in entries:
            if path is None:
                z.writestr(dir_entry(arcname[:-1]), b'')
                continue
            with open(path, 'rb') as f:
                data = f.read()
            z.writestr(entry(arcname), data, compresslevel=level)
            if bytecode and arcname.endswith('.py') and arcname not in frozen:
                try:
                    code = compile(data, arcname, 'exec', dont_inherit=True)
                except SyntaxError as e:
                    errors.append(f'{arcname}: {e}')
                    continue
                pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
                z.writestr(entry(arcname[:-3] + '.pyc'), bytes(pyc), compresslevel=level)
    return errors


def index_blob(toc, arc_offset):
    """The index of the directory `toc` (zipimport._read_directory()'s dict) for a ZIP
    `arc_offset` bytes into its file, in the layout that the patched zipimport reads (its
    comment above INDEX_MAGIC): the names' hash table, placed by zipimport._index_hash,
    then the records."""
    import zipimport
    records, starts = [], {}
    at = 0
    for name, (_, compress, data_size, file_size, offset, time, date, crc) in sorted(toc.items()):
        key = name.encode('utf-8')
        starts[key] = at
        records.append(struct.pack(INDEX_RECORD, len(key), compress, crc, data_size, file_size,
                                   offset + arc_offset, time, date) + key)
        at += len(records[-1])
    assert struct.calcsize(INDEX_RECORD) == zipimport.INDEX_RECORD
    nslots = 1
    while nslots < 2 * len(records):     # at most half full, and above nrecords
        nslots *= 2
    slots = [0] * nslots
    for key, start in starts.items():
        slot = zipimport._index_hash(key) & (nslots - 1)
        while slots[slot]:
            slot = (slot + 1) & (nslots - 1)
        slots[slot] = start + 1
    return struct.pack(f'<II{nslots}I', nslots, len(records), *slots) + b''.join(records)


def add_index(zip_path, arc_offset):
    """Append the directory index to a ZIP that will start `arc_offset` bytes into its file.
    Needs the zipimport of the interpreter that will read it."""
    import zipimport
    zipimport._use_index = False
    blob = index_blob(zipimport._read_directory(zip_path), arc_offset)
    info = entry(INDEX_NAME)
    info.compress_type = zipfile.ZIP_STORED
    with zipfile.ZipFile(zip_path, 'a') as z:
        z.writestr(info, blob)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        z.comment = zipimport.INDEX_MAGIC + struct.pack('<QQQ', arc_offset + start, len(blob),
                                                        arc_offset)
    assert len(z.comment) == zipimport.INDEX_COMMENT_SIZE
    with open(zip_path, 'rb') as f:       # the member's data is where the comment says
        f.seek(start)
        assert f.read(len(blob)) == blob


if __name__ == '__main__':
    problems = write(sys.argv[1], sys.argv[2], int(sys.argv[3]), bytecode=True)
    if problems:
        print('cannot compile:\n  ' + '\n  '.join(problems), file=sys.stderr)
        sys.exit(1)
    add_index(sys.argv[2], int(sys.argv[4]))
