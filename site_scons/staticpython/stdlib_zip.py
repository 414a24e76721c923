"""The standard-library ZIP: one deterministic writer for both stages of ZipAppend.

Imported by the build (first stage: sources only) and also run as a script by the freshly
built interpreter, so that the bytecode matches it (final stage):

    python -I -S stdlib_zip.py LIBROOT OUT.zip LEVEL

It must stay self-contained (standard library only). Entries are sorted by full name and
carry a fixed date; .pyc files are unchecked hash-based (PEP 552), valid whatever the ZIP's
timestamps and byte-identical from build to build.
"""
import importlib.util
import os
import sys
import zipfile

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


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


def write(root, out_path, level, bytecode):
    """Write the ZIP; with `bytecode`, a .pyc beside each .py. Returns compile errors."""
    if bytecode:
        from importlib._bootstrap_external import _code_to_hash_pyc
    errors = []
    with zipfile.ZipFile(out_path, 'w', compresslevel=level) as z:
        for arcname, path in files(root):
            with open(path, 'rb') as f:
                data = f.read()
            z.writestr(entry(arcname), data)
            if bytecode and arcname.endswith('.py'):
                try:
                    code = compile(data, arcname, 'exec', dont_inherit=True)
                except SyntaxError as e:
                    errors.append(f'{arcname}: {e}')
                    continue
                pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
                z.writestr(entry(arcname[:-3] + '.pyc'), bytes(pyc))
    return errors


if __name__ == '__main__':
    problems = write(sys.argv[1], sys.argv[2], int(sys.argv[3]), bytecode=True)
    if problems:
        print('cannot compile:\n  ' + '\n  '.join(problems), file=sys.stderr)
    sys.exit(1 if problems else 0)
