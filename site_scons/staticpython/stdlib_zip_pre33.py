"""The standard-library ZIP of a CPython before 3.3 (2.7, 3.2), whose .pyc files sit beside
their .py with an 8-byte header (stdlib_zip.py's counterpart for __pycache__ layouts).

Run by an interpreter of that version (the new one, or the build machine's of the same
flavor in a cross build), so that the bytecode is its own (final stage of ZipAppend):

    python -E -S stdlib_zip_pre33.py LIBROOT OUT.zip LEVEL [ARC_OFFSET]

(ARC_OFFSET, for 3.x's directory index, is ignored.) Valid Python 2.7 and 3, standard
library only, so that the build's unit tests can import it. Entries are sorted by name,
flagged as UTF-8 and dated 1980-01-01 00:00:00; each .py has its .pyc beside it, whose
header records the source mtime 315532800 (that date in UTC): 2.7's zipimport, patched by
patches/cpython2.7/2.7.18/0003-zipimport-fixed-date-in-utc.patch, reads the entries' date
as that moment in every time zone, so the bytecode is used, never found stale. Deflated at
LEVEL: 2.7's zipfile always asks zlib for its default level (6), so compressobj() is ours.
"""
import marshal
import os
import struct
import sys
import zipfile
import zlib

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FIXED_MTIME = 315532800          # 1980-01-01 00:00:00 UTC


class _Zlib(object):
    """zipfile's zlib, with compressobj() at our level."""

    def __init__(self, level):
        self.level = level

    def __getattr__(self, name):
        return getattr(zlib, name)

    def compressobj(self, *args):
        return zlib.compressobj(self.level, zlib.DEFLATED, -15)


class _Utf8Info(zipfile.ZipInfo):
    """An entry whose name is flagged as UTF-8 (bit 11), as ours are (ASCII): 3.2's zipimport
    decodes a name without the flag as cp437, a codec that is Python code inside this ZIP.
    When its importers and directory cache are cleared (test_zipimport does), reading the
    ZIP again then needs the ZIP itself, and the lookup of cp437 fails; UTF-8 is built in.
    (zipfile's writer sets its own flag bits: the name's encoding is where they are read.)"""

    def _encodeFilenameFlags(self):
        name, flags = zipfile.ZipInfo._encodeFilenameFlags(self)
        return name, flags | 0x800


def entry(name):
    info = _Utf8Info(name, FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def files(root):
    """(name in the ZIP, path) of every file under `root`, sorted by name."""
    return sorted((os.path.relpath(os.path.join(d, f), root).replace(os.sep, '/'),
                   os.path.join(d, f))
                  for d, _, names in os.walk(root) for f in names)


def pyc(source, name, magic):
    """The .pyc of `source` (bytes), as 2.7's py_compile writes it, with FIXED_MTIME."""
    source = source.replace(b'\r\n', b'\n').replace(b'\r', b'\n')
    if not source.endswith(b'\n'):
        source += b'\n'
    code = compile(source, name, 'exec', 0, True)
    return magic + struct.pack('<I', FIXED_MTIME) + marshal.dumps(code)


def write(root, out_path, level, magic):
    """Write the ZIP with a .pyc (`magic`: the interpreter's) beside each .py; returns the
    compile errors."""
    saved, zipfile.zlib = zipfile.zlib, _Zlib(level)
    errors = []
    try:
        contents = {}
        for arcname, path in files(root):
            with open(path, 'rb') as f:
                contents[arcname] = data = f.read()
            if arcname.endswith('.py'):
                try:
                    contents[arcname + 'c'] = pyc(data, arcname, magic)
                except SyntaxError as e:
                    errors.append('%s: %s' % (arcname, e))
        z = zipfile.ZipFile(out_path, 'w', zipfile.ZIP_DEFLATED)
        for arcname in sorted(contents):
            z.writestr(entry(arcname), contents[arcname])
        z.close()
    finally:
        zipfile.zlib = saved
    return errors


if __name__ == '__main__':
    import imp
    problems = write(sys.argv[1], sys.argv[2], int(sys.argv[3]), imp.get_magic())
    if problems:
        sys.stderr.write('cannot compile:\n  ' + '\n  '.join(problems) + '\n')
        sys.exit(1)
