"""SCons tool: ZipAppend, the standard library as a ZIP appended to the interpreter.

env.ZipAppend(target, interpreter_pkg) takes the interpreter pkg (bin/python and
lib/pythonX.Y/), strips the executable, and appends a deterministic ZIP (sorted entries,
fixed dates, deflate) holding every .py of the library with its .pyc. The .pyc must be
compiled by the interpreter itself, so the step runs in two stages: the stripped binary
with a ZIP of the sources appended compiles the final ZIP. The ELF OSABI byte is set to
GNU/Linux, which FreeBSD's Linux compatibility layer requires. The result is checked to
start before it replaces the target. Like SCons's own zip tool: a Python function action
with a $ZIPAPPENDCOMSTR message and a varlist.

For a target whose programs this machine cannot run, ZIPAPPEND_COMPILER names an interpreter
of the same Python version for the build machine, which compiles the ZIP instead, and the
new interpreter's first start runs under ZIPAPPEND_TARGET's runner (its qemu).

The Python version decides the final stage's writer (ZIPAPPEND_WRITER, a path from the top
directory; stdlib_zip.py by default) and the options that isolate the interpreter from the
user's environment (ZIPAPPEND_ISOLATED, '-I' by default: 2.7 has none, it gives '-E -s').
The first start imports ZIPAPPEND_IMPORTS (modules of the ZIP and built in; the flavor's).
"""
import os
import shutil
import subprocess
import tarfile

import SCons.Action
import SCons.Builder

from staticpython import stdlib_zip

ELFOSABI_GNU = 3
WRITER = 'site_scons/staticpython/stdlib_zip.py'


def concatenate(exe, zip_path, out_path):
    with open(out_path, 'wb') as out:
        for part in (exe, zip_path):
            with open(part, 'rb') as f:
                shutil.copyfileobj(f, out)
    set_osabi(out_path, ELFOSABI_GNU)
    os.chmod(out_path, 0o755)


def set_osabi(path, value):
    with open(path, 'r+b') as f:
        ident = f.read(16)
        if ident[:4] != b'\x7fELF':
            raise ValueError(f'{path} is not an ELF file')
        f.seek(7)
        f.write(bytes([value]))


def _run(cmd, what):
    proc = subprocess.run(cmd, capture_output=True, text=True, env={'PATH': '/usr/bin:/bin'})
    if proc.returncode != 0:
        raise RuntimeError(f'{what} failed ({proc.returncode}): {" ".join(cmd)}\n'
                           f'{proc.stdout}{proc.stderr}')
    return proc.stdout


def _runner(env):
    """How this machine runs the target's programs: [] itself, else [its qemu]."""
    name = env.get('ZIPAPPEND_TARGET')
    if not name:
        return []
    from staticpython.targets import TARGETS
    return TARGETS[name].runner()


def _zip_append(target, source, env):
    out = str(target[0])
    work = out + '.work'
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    try:
        with tarfile.open(str(source[0])) as tar:
            kw = {'filter': 'tar'} if hasattr(tarfile, 'data_filter') else {}
            tar.extractall(os.path.join(work, 'pkg'), **kw)
        libroot = os.path.join(work, 'pkg', env['ZIPAPPEND_LIBDIR'])
        level = env['ZIPAPPEND_COMPRESSLEVEL']
        stripped = os.path.join(work, 'python.stripped')
        _run([env['ZIPAPPEND_STRIP'], '--strip-all', '-o', stripped,
              os.path.join(work, 'pkg', 'bin', 'python')], 'strip')
        compiler = env.get('ZIPAPPEND_COMPILER')
        if not compiler:
            # First stage: the sources alone are enough for the new binary to run the compiler.
            stdlib_zip.write(libroot, os.path.join(work, 'sources.zip'), level, bytecode=False)
            compiler = os.path.join(work, 'python.boot')
            concatenate(stripped, os.path.join(work, 'sources.zip'), compiler)
        final_zip = os.path.join(work, 'stdlib.zip')
        writer = env.File('#' + env['ZIPAPPEND_WRITER']).abspath
        isolated = env.Split(env['ZIPAPPEND_ISOLATED'])
        _run([compiler, *isolated, '-S', writer, libroot, final_zip, str(level),
              str(os.path.getsize(stripped))], 'compiling the standard library')
        tmp = out + '.tmp'
        concatenate(stripped, final_zip, tmp)
        imports = ', '.join(env.Split(env['ZIPAPPEND_IMPORTS']))
        _run([*_runner(env), tmp, *isolated, '-c', f'import {imports}'],
             'the first start of the new interpreter')
        os.replace(tmp, out)
    except (RuntimeError, ValueError, OSError) as e:
        print(f'staticpython: ZipAppend {out}: {e}')
        if os.path.exists(out + '.tmp'):
            os.unlink(out + '.tmp')
        return 1
    shutil.rmtree(work)
    return 0


def generate(env):
    env.SetDefault(ZIPAPPENDCOMSTR='  ZIP      $TARGET', ZIPAPPEND_LIBDIR='lib',
                   ZIPAPPEND_COMPRESSLEVEL=9, ZIPAPPEND_STRIP='strip',
                   ZIPAPPEND_WRITER=WRITER, ZIPAPPEND_ISOLATED='-I',
                   ZIPAPPEND_IMPORTS='encodings os site json sqlite3')
    action = SCons.Action.Action(_zip_append, '$ZIPAPPENDCOMSTR',
                                 varlist=['ZIPAPPEND_LIBDIR', 'ZIPAPPEND_COMPRESSLEVEL',
                                          'ZIPAPPEND_STRIP', 'ZIPAPPEND_WRITER',
                                          'ZIPAPPEND_ISOLATED', 'ZIPAPPEND_IMPORTS'])
    env['BUILDERS']['ZipAppend'] = SCons.Builder.Builder(action=action)


def exists(env):
    return True
