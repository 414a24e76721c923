"""`scons release`: every flavor for every target into release/, as the original laid it out.

    release/<target>/<flavor>-static   the single-file interpreters
    release/MANIFEST.json              one entry per binary: what `<binary> -m staticpython`
                                       prints (flavor, Python, target, libc, libraries with
                                       versions, licenses and source sha256, built-in
                                       modules, size, sha256)
    release/SHA256SUMS                 `sha256sum -c` checks the binaries against it
    release/README.md                  (in the repo) what is there, how to verify a download

Before a binary is published it runs alone in an empty root (under its qemu where this
machine has another CPU): it must import every one of its built-in modules and print its
manifest entry. A binary that fails stops the release with its output; nothing of it is
written. Files are written under a temporary name and renamed into place, so release/
never holds half a file.
"""
import hashlib
import json
import os
import shutil
import sys

from .isolation import Root
from .targets import TARGETS

IMPORT_EVERY_BUILTIN = ('import importlib, sys\n'
                        'for name in sys.builtin_module_names:\n'
                        '    importlib.import_module(name)\n'
                        'print(len(sys.builtin_module_names))\n')
INSIDE = '/bin/python'


class ReleaseError(Exception):
    """A binary failed its check: the message names it and shows its output."""


def _sha256(path):
    with open(path, 'rb') as f:
        return hashlib.file_digest(f, 'sha256').hexdigest()


def check(binary, target, isolated=('-I',)):
    """Run `binary` alone in an empty root, isolated from the environment by the options of
    its Python version (`isolated`); return its manifest entry (a dict)."""
    with Root(target) as root:
        root.add(INSIDE, copy_of=binary, mode=0o755)
        env = {'PATH': '/bin', 'LANG': 'C.UTF-8'}
        for argv in ([INSIDE, *isolated, '-c', IMPORT_EVERY_BUILTIN],
                     [INSIDE, *isolated, '-m', 'staticpython']):
            p = root.run(argv, proc=False, env=env, timeout=600)
            if p.returncode != 0:
                raise ReleaseError(f'{binary} ({target.name}) failed `{" ".join(argv[1:-1])} ...` '
                                   f'alone in an empty root (exit status {p.returncode}):\n'
                                   f'{p.stdout[-2000:]}{p.stderr[-4000:]}')
    entry = json.loads(p.stdout)
    if (entry['size'], entry['sha256']) != (os.path.getsize(binary), _sha256(binary)):
        raise ReleaseError(f'{binary}: its manifest entry does not describe the file itself')
    return entry


def _write_atomically(path, data):
    tmp = f'{path}.tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.replace(tmp, path)


def publish(target, source, env):
    """SCons action: target = [release/<t>/<flavor>-static, its manifest entry (JSON, in the
    build tree)], source[0] = the built single file; $SP_ISOLATED: its isolation options."""
    binary, out, entry_path = str(source[0]), str(target[0]), str(target[1])
    try:
        entry = check(binary, TARGETS[env['SP_TARGET']], env.Split(env['SP_ISOLATED']))
    except (ReleaseError, RuntimeError, OSError, ValueError) as e:
        print(f'staticpython: release of {env["SP_TARGET"]}: {e}', file=sys.stderr)
        return 1
    os.makedirs(os.path.dirname(out), exist_ok=True)
    tmp = f'{out}.tmp'
    shutil.copyfile(binary, tmp)
    os.chmod(tmp, 0o755)
    os.replace(tmp, out)
    _write_atomically(entry_path, json.dumps(entry, indent=2, sort_keys=True).encode() + b'\n')
    return 0


def index(target, source, env):
    """SCons action: target = [release/SHA256SUMS, release/MANIFEST.json], source = the
    manifest entries that publish() wrote (and the binaries)."""
    entries = []
    for node in source:
        if str(node).endswith('.json'):
            with open(str(node)) as f:
                entries.append(json.load(f))
    entries.sort(key=lambda e: e['file'])
    sums = ''.join(f'{e["sha256"]}  {e["file"]}\n' for e in entries)
    manifest = {'format': 1, 'binaries': entries}
    _write_atomically(str(target[0]), sums.encode())
    _write_atomically(str(target[1]), json.dumps(manifest, indent=2, sort_keys=True).encode() + b'\n')
    return 0
