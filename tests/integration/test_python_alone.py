"""The built interpreter copied alone into an empty root (nothing else: no libc, no
/usr/lib/python3.x, no /etc), with and without /proc: it must find itself and its
appended standard library, and behave as an ordinary python3.x of its version."""
import os
import textwrap

import pytest

from isolation import Root, describe, last_json
from staticpython import cpython
from versions import (BIN, FAILING_ON_LINUX, LIBDIR, PROGRAM, THIS, VERSION, VERSION_INFO,
                      has, requires, source)

ENV = {'PATH': '/usr/bin:/bin', 'LANG': 'C.UTF-8'}
PROC = pytest.mark.parametrize('proc', [True, False], ids=['proc', 'noproc'])

# Top-level stdlib modules not imported: they act on import (open a browser, print, start
# a GUI) or were left out of the build on purpose.
NOT_IMPORTED = {'antigravity', 'this', '__hello__', '__phello__', 'idlelib', 'tkinter',
                'turtle', 'turtledemo'}
# Modules that fail to import on Linux in every release of the series, or left out by the
# flavor (ssl without OpenSSL), with the error they raise: versions.FAILING_ON_LINUX
# (versions.py says why).


def alone(python, path=BIN):
    """A Root holding only the interpreter at `path`."""
    root = Root()
    root.add(path, copy_of=python)
    return root


def run(root, argv, proc, env=None, stdin=None, timeout=120):
    full_env = dict(ENV)
    full_env.update(env or {})
    return root.run(argv, proc=proc, env=full_env, stdin=stdin, timeout=timeout)


def ok(p):
    assert p.returncode == 0, describe(p)
    return p.stdout


# --- running code --------------------------------------------------------------------

@PROC
def test_command(python, proc):
    with alone(python) as root:
        p = run(root, [BIN, '-c', source('from __future__ import print_function; import sys; '
                                         'print(sum(i * i for i in range(1000)), '
                                         'sys.version_info[:2], sys.implementation.name)')], proc)
    assert ok(p) == f'{sum(i * i for i in range(1000))} {VERSION_INFO} cpython\n', describe(p)


@PROC
def test_script_file(python, proc):
    with alone(python) as root:
        root.add('/work/script.py', textwrap.dedent('''\
            import json, sys
            print(json.dumps({"argv": sys.argv, "file": __file__, "name": __name__,
                              "path0": sys.path[0]}))
        '''))
        p = run(root, [BIN, '/work/script.py', 'a', 'b c'], proc)
    assert last_json(p) == {'argv': ['/work/script.py', 'a', 'b c'],
                            'file': '/work/script.py', 'name': '__main__',
                            'path0': '/work'}, describe(p)


@PROC
def test_json_tool_on_stdin(python, proc):
    with alone(python) as root:
        p = run(root, [BIN, '-m', 'json.tool'], proc, stdin='{"b": 1, "a": [1, 2.5, null]}')
    a, b = '"a": [\n        1,\n        2.5,\n        null\n    ]', '"b": 1'
    expected = '{\n    %s,\n    %s\n}\n' % ((a, b) if THIS.json_tool_sorts else (b, a))
    assert ok(p) == expected, describe(p)


@PROC
def test_interactive_prompt_on_stdin(python, proc):
    with alone(python) as root:
        p = run(root, [BIN, '-i'], proc,
                stdin='x = 6 * 7\nprint("result %d" % x)\nx + 1\nimport json\n'
                      'json.dumps([x])\n')
    out = ok(p)
    assert out.splitlines() == ['result 42', '43', "'[42]'"], describe(p)
    assert '>>> ' in p.stderr, describe(p)
    assert 'Traceback' not in p.stderr, describe(p)


# --- finding itself ------------------------------------------------------------------

def _whoami(root, argv, proc, env=None):
    """Run `argv` printing what the interpreter knows of itself; the import of json proves
    it found its appended standard library."""
    code = ('import json, sys; print(json.dumps({"executable": sys.executable, '
            '"prefix": sys.prefix, "exec_prefix": sys.exec_prefix, '
            '"base_prefix": sys.base_prefix, "path": sys.path}))')
    return last_json(run(root, [*argv, '-c', source(code)], proc, env=env))


@PROC
def test_executable_started_by_absolute_path(python, proc):
    with alone(python) as root:
        me = _whoami(root, [BIN], proc)
    assert me['executable'] == BIN, me
    assert BIN in me['path'], me


@PROC
def test_executable_renamed(python, proc):
    with alone(python, '/opt/anyname') as root:
        me = _whoami(root, ['/opt/anyname'], proc)
    assert me['executable'] == '/opt/anyname', me
    assert '/opt/anyname' in me['path'], me


@PROC
def test_executable_by_relative_path_is_normalized(python, proc):
    # chroot starts the program in /, so this relative path names /opt/anyname.
    with alone(python, '/opt/anyname') as root:
        me = _whoami(root, ['./opt/../opt//./anyname'], proc)
    assert me['executable'] == '/opt/anyname', me
    assert me['prefix'] == '/opt', me


@PROC
def test_executable_through_symlink(python, proc):
    with alone(python, '/opt/anyname') as root:
        root.symlink('/usr/bin/py', '/opt/anyname')
        me = _whoami(root, ['/usr/bin/py'], proc)
    assert me['executable'] == '/usr/bin/py', me


@PROC
@pytest.mark.parametrize('kind', ['file', 'symlink'])
def test_executable_found_in_path(python, proc, kind):
    """argv[0] is a bare name: chroot execs 'py' through $PATH, so must our main."""
    if kind == 'file':
        root = alone(python, '/usr/bin/py')
    else:
        root = alone(python, '/opt/anyname')
        root.symlink('/usr/bin/py', '/opt/anyname')
    with root:
        me = _whoami(root, ['py'], proc, env={'PATH': '/usr/bin'})
    assert me['executable'] == '/usr/bin/py', me


@PROC
def test_executable_found_in_path_skips_what_is_not_executable(python, proc):
    with alone(python, '/usr/bin/py') as root:
        root.add('/bin/py', b'not a program\n', mode=0o644)
        root.add('/sbin/py/README', b'a directory named py\n')
        me = _whoami(root, ['py'], proc, env={'PATH': '/nonexistent:/sbin:/bin:/usr/bin'})
    assert me['executable'] == '/usr/bin/py', me


@PROC
@pytest.mark.parametrize('path, prefix', [('/usr/local/bin/x', '/usr/local'),
                                          ('/opt/x', '/opt'),
                                          ('/bin/x', '/')])
def test_prefix(python, proc, path, prefix):
    with alone(python, path) as root:
        me = _whoami(root, [path], proc)
    assert me['executable'] == path, me
    assert me['prefix'] == prefix, me
    assert me['exec_prefix'] == prefix, me
    assert me['base_prefix'] == prefix, me


def test_site_packages(python):
    exe, site = f'/usr/local/bin/{PROGRAM}', f'/usr/local/{LIBDIR}/site-packages'
    with alone(python, exe) as root:
        root.add(f'{site}/mypkg/__init__.py', 'VALUE = "from site-packages"\n')
        p = run(root, [exe, '-c',
                       'import json, sys, mypkg; print(json.dumps([mypkg.VALUE, '
                       'mypkg.__file__, sys.path]))'], True)
    value, file, path = last_json(p)
    assert value == 'from site-packages', describe(p)
    assert file == f'{site}/mypkg/__init__.py', describe(p)
    assert site in path, describe(p)


@PROC
def test_pythonpath(python, proc):
    with alone(python) as root:
        root.add('/work/mods/mymod.py', 'VALUE = "from PYTHONPATH"\n')
        p = run(root, [BIN, '-c', 'import json, sys, mymod; '
                                  'print(json.dumps([mymod.VALUE, mymod.__file__, sys.path]))'],
                proc, env={'PYTHONPATH': '/work/mods'})
    value, file, path = last_json(p)
    assert (value, file) == ('from PYTHONPATH', '/work/mods/mymod.py'), describe(p)
    assert path.index('/work/mods') < path.index(BIN), describe(p)


@PROC
@pytest.mark.parametrize('flag', [pytest.param('-I', marks=requires('isolated')), '-E'])
def test_isolated_ignores_pythonpath(python, proc, flag):
    with alone(python) as root:
        root.add('/work/mods/mymod.py', 'VALUE = "from PYTHONPATH"\n')
        p = run(root, [BIN, flag, '-c',
                       'import json, sys\n'
                       'try:\n    import mymod\n    found = True\n'
                       'except ImportError:\n    found = False\n'
                       'print(json.dumps([not found, sys.path]))'],
                proc, env={'PYTHONPATH': '/work/mods'})
    not_found, path = last_json(p)
    assert not_found is True, describe(p)
    assert '/work/mods' not in path and BIN in path, describe(p)


# --- modules -------------------------------------------------------------------------

# The modules compiled in: the inittab's, and those the start-up makes without one
# (Stackless 2.7's _stackless), as the build's module check counts them.
BUILTINS_SCRIPT = '''
import importlib, json, sys, traceback
builtins = %s
failures = {}
for name in builtins:
    try:
        importlib.import_module(name)
    except BaseException:
        failures[name] = traceback.format_exc()
print(json.dumps({"builtins": builtins, "failures": failures}))
''' % cpython.BUILT_IN_MODULES


@PROC
def test_builtin_modules(python, flavor, proc):
    with alone(python) as root:
        p = run(root, [BIN, '-c', BUILTINS_SCRIPT], proc)
    result = last_json(p)
    builtins = set(result['builtins'])
    missing = sorted(set(flavor.required_modules) - builtins)
    unwanted = sorted(set(flavor.excluded_modules) & builtins)
    assert not missing, f'required modules not built in: {missing}'
    assert not unwanted, f'excluded modules built in: {unwanted}'
    assert not result['failures'], '\n'.join(f'--- {n}\n{tb}'
                                            for n, tb in result['failures'].items())


STDLIB_SCRIPT = '''
import importlib, json, pkgutil, sys, traceback
SKIP = set(sys.argv[1].split(","))
names = sorted(set(m[1] for m in pkgutil.iter_modules()))    # (finder, name, ispkg)
failures = {}
for name in names:
    if name in SKIP or name.startswith("_test"):
        continue
    try:
        importlib.import_module(name)
    except BaseException:
        failures[name] = traceback.format_exc()
sys.stdout.flush()
sys.stdout.write("\\n")
print(json.dumps({"names": names, "failures": failures}))
'''
# Found by pkgutil in every series; the others where the series has them.
STDLIB_EXPECTED = {'os', 'json', 'email', 'encodings', 'sqlite3', 'ssl', 'ctypes', 'curses',
                   'xml', 'pydoc', 'multiprocessing'} | {
                   name for name in ('asyncio', 'zoneinfo', 'venv') if has(name)}


@PROC
def test_every_stdlib_module_imports(python, proc):
    with alone(python) as root:
        p = run(root, [BIN, '-c', STDLIB_SCRIPT, ','.join(sorted(NOT_IMPORTED))], proc,
                stdin='')
    result = last_json(p)
    names = set(result['names'])
    expected = STDLIB_EXPECTED
    assert expected <= names, f'not found by pkgutil.iter_modules(): {sorted(expected - names)}'
    assert len(names) > 150, sorted(names)
    failures = dict(result['failures'])
    for name, error in FAILING_ON_LINUX.items():
        assert name in names, f'{name} not found by pkgutil.iter_modules()'
        assert failures.get(name, '').strip().endswith(error), \
            f'{name} was expected to fail with {error!r}, got:\n{failures.get(name)}'
        del failures[name]
    assert not failures, (
        f'{len(failures)} of {len(names)} modules fail to import:\n' +
        '\n'.join(f'--- {n}\n{tb}' for n, tb in sorted(failures.items())))


@requires('lib2to3')
def test_lib2to3_rewrites_code_with_its_grammar_from_the_zip(python):
    """lib2to3 reads the pickles of its grammars, which the build writes, from the ZIP."""
    code = ('import sys\n'
            'from lib2to3 import refactor\n'
            'tool = refactor.RefactoringTool(["lib2to3.fixes.fix_print"])\n'
            'sys.stdout.write(str(tool.refactor_string("print 1, 2\\n", "<s>")))\n')
    with alone(python) as root:
        p = run(root, [BIN, '-c', code], proc=False)
    assert ok(p) == 'print(1, 2)\n', describe(p)


# --- help ----------------------------------------------------------------------------

HELP_ENV = {'TERM': 'dumb', 'PAGER': 'cat'}


@PROC
def test_help_on_a_package(python, proc):
    with alone(python) as root:
        p = run(root, [BIN, '-c', "help('json')"], proc, env=HELP_ENV)
    out = ok(p)
    assert 'Help on package json' in out, describe(p)
    assert '\nNAME\n    json\n' in out, describe(p)
    assert 'JSON (JavaScript Object Notation)' in out, describe(p)
    assert '\nPACKAGE CONTENTS\n    decoder\n    encoder\n    scanner\n    tool\n' in out, \
        describe(p)


@PROC
def test_help_on_a_builtin(python, proc):
    with alone(python) as root:
        p = run(root, [BIN, '-c', 'help(len)'], proc, env=HELP_ENV)
    out = ok(p)
    signature, summary = THIS.len_help
    assert signature in out, describe(p)
    assert summary in out, describe(p)


@PROC
def test_platform_tells_the_truth(python, proc, target, libc, libc_data):
    from staticpython import recipes
    name, version = libc_data.product, recipes.load()[libc].VERSION
    code = ('import json, platform, sys, sysconfig; print(json.dumps({'
            '"libc": platform.libc_ver(), "platform": platform.platform(), '
            '"implementation": platform.python_implementation(), '
            '"version": platform.python_version(), "machine": platform.machine(), '
            '"multiarch": sysconfig.get_config_var("MULTIARCH")}))')
    with alone(python) as root:
        facts = last_json(run(root, [BIN, '-c', code], proc))
    assert facts['libc'] == [name, version], facts
    assert facts['platform'].endswith(f'-with-{name}{version}'), facts
    assert facts['implementation'] == 'CPython' and facts['version'] == VERSION, facts
    # platform.machine() is the kernel's CPU (this machine's, or the one qemu emulates).
    kernel = os.uname().machine if target.runs_natively() else target.machine
    assert facts['machine'] == kernel, facts
    if has('multiarch'):
        assert facts['multiarch'] == target.multiarch(libc), facts


@PROC
def test_find_library_finds_nothing_without_its_helpers(python, proc):
    """No ldconfig, compiler, /dev/null or /tmp: ctypes.util.find_library() says None (as
    code that asks for an optional library, pycryptodome's for GMP, expects), no error."""
    with alone(python) as root:
        p = run(root, [BIN, '-c', 'import ctypes.util; '
                                  'print(repr(ctypes.util.find_library("gmp")))'], proc)
    ok(p)
    assert p.stdout.strip() == 'None', describe(p)
