"""Run by the freshly built interpreter (so the bytecode matches it): write the final
standard-library ZIP with a .pyc beside each .py.

usage: python -I -S zipappend_pyc.py LIBROOT OUT.zip LEVEL

The .pyc files are unchecked hash-based (PEP 552): valid whatever the ZIP's timestamps,
and byte-identical from build to build. Entries are sorted and carry a fixed date, so the
archive is deterministic.
"""
import importlib.util
import os
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def entry(name):
    info = zipfile.ZipInfo(name, FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in filenames:
            path = os.path.join(dirpath, name)
            out.append((os.path.relpath(path, root).replace(os.sep, '/'), path))
    return sorted(out)


def main(root, out_path, level):
    errors = []
    with zipfile.ZipFile(out_path, 'w', compresslevel=level) as z:
        for arcname, path in files(root):
            with open(path, 'rb') as f:
                data = f.read()
            z.writestr(entry(arcname), data)
            if arcname.endswith('.py'):
                try:
                    code = compile(data, arcname, 'exec', dont_inherit=True)
                except SyntaxError as e:
                    errors.append(f'{arcname}: {e}')
                    continue
                pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
                z.writestr(entry(arcname[:-3] + '.pyc'), bytes(pyc))
    if errors:
        print('cannot compile:\n  ' + '\n  '.join(errors), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
