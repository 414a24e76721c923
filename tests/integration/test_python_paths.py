"""Where the interpreter thinks it is, by CPython's own rules (Modules/getpath.py), with the
executable standing for the standard library directory: sys.prefix from the real file or
$PYTHONHOME, ._pth files, and sysconfig's paths and names."""

import pytest

from isolation import Root, describe, last_json
from versions import LIBDIR, PROGRAM, SOABI, XY, requires, source

ENV = {'PATH': '/usr/bin:/bin', 'LANG': 'C.UTF-8'}
WHOAMI = source('import json, sys; print(json.dumps({"executable": sys.executable, '
          '"prefix": sys.prefix, "base_prefix": sys.base_prefix, "exec_prefix": sys.exec_prefix, '
          '"path": sys.path, "isolated": sys.flags.isolated, "no_site": sys.flags.no_site, '
          '"base_executable": sys._base_executable}))')


def whoami(root, argv, env=None, proc=True):
    return last_json(root.run([*argv, '-c', WHOAMI], proc=proc, env=dict(ENV, **(env or {}))))


@pytest.mark.parametrize('proc', [True, False], ids=['proc', 'noproc'])
def test_prefix_of_a_symlinked_executable_is_where_the_file_is(python, proc):
    with Root() as root:
        root.add(f'/opt/sp/bin/{PROGRAM}', copy_of=python)
        root.symlink('/usr/bin/python3', f'/opt/sp/bin/{PROGRAM}')
        me = whoami(root, ['/usr/bin/python3'], proc=proc)
    assert me['executable'] == '/usr/bin/python3', me
    assert me['prefix'] == me['base_prefix'] == me['exec_prefix'] == '/opt/sp', me
    assert me['path'][-1] == f'/opt/sp/bin/{PROGRAM}', me


def test_pythonhome_sets_the_prefix(python):
    with Root() as root:
        root.add(f'/bin/{PROGRAM}', copy_of=python)
        me = whoami(root, [f'/bin/{PROGRAM}'], env={'PYTHONHOME': '/srv/home:/srv/exec'})
        ignored = whoami(root, [f'/bin/{PROGRAM}', '-E'],
                         env={'PYTHONHOME': '/srv/home'})
    assert (me['prefix'], me['exec_prefix']) == ('/srv/home', '/srv/exec'), me
    assert me['base_prefix'] == '/srv/home', me
    assert me['path'][-1] == f'/bin/{PROGRAM}', me
    assert ignored['prefix'] == '/', ignored


PTH_APP = f'/opt/app/{PROGRAM}'


@requires('pth')
@pytest.mark.parametrize('site', [True, False], ids=['import-site', 'no-site'])
def test_pth_file_replaces_the_path_and_keeps_the_standard_library(python, site):
    with Root() as root:
        root.add(PTH_APP, copy_of=python)
        root.add(PTH_APP + '._pth', 'lib\n# a comment\n../shared/./mods\n' +
                 ('import site\n' if site else ''))
        root.add('/opt/app/lib/appmod.py', 'VALUE = "from the ._pth path"\n')
        root.add('/opt/shared/mods/sharedmod.py', 'VALUE = 2\n')
        root.add('/elsewhere/appmod.py', 'VALUE = "from PYTHONPATH"\n')
        p = root.run([PTH_APP, '-c', 'import appmod, json, sharedmod; print(json.dumps(appmod.VALUE))'],
                     env=dict(ENV, PYTHONPATH='/elsewhere'))
        me = whoami(root, [PTH_APP], env={'PYTHONPATH': '/elsewhere'})
    assert last_json(p) == 'from the ._pth path', describe(p)
    assert me['path'] == ['/opt/app/lib', '/opt/shared/mods', PTH_APP], me
    assert me['isolated'] == 1 and me['no_site'] == (0 if site else 1), me
    assert me['prefix'] == '/opt/app', me


@requires('pth')
def test_pth_file_may_name_the_executable(python):
    with Root() as root:
        root.add(PTH_APP, copy_of=python)
        root.add(PTH_APP + '._pth', f'{PROGRAM}\nlib\n')
        me = whoami(root, [PTH_APP])
    assert me['path'] == [PTH_APP, '/opt/app/lib'], me


SYSCONFIG = '''
import json, sys, sysconfig
print(json.dumps({"paths": sysconfig.get_paths(), "stdlib_dir": sys._stdlib_dir,
                  "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
                  "soabi": sysconfig.get_config_var("SOABI"),
                  "multiarch": getattr(sys.implementation, "_multiarch", None),
                  "platform": sysconfig.get_platform()}))
'''


@requires('sysconfig_names')
def test_sysconfig_describes_this_interpreter(python, target, libc):
    exe = f'/usr/local/bin/{PROGRAM}'
    with Root() as root:
        root.add(exe, copy_of=python)
        facts = last_json(root.run([exe, '-c', SYSCONFIG], env=ENV))
    lib = f'/usr/local/{LIBDIR}'
    assert facts['paths'] == {
        'stdlib': exe, 'platstdlib': exe,      # the standard library is the executable
        'purelib': f'{lib}/site-packages', 'platlib': f'{lib}/site-packages',
        'include': f'/usr/local/include/python{XY}', 'platinclude': f'/usr/local/include/python{XY}',
        'scripts': '/usr/local/bin', 'data': '/usr/local'}, facts
    assert facts['stdlib_dir'] == exe, facts
    multiarch = target.multiarch(libc)       # empty where CPython has no name for the libc
    soabi = f'{SOABI}-{multiarch}' if multiarch else SOABI
    assert facts['multiarch'] == (multiarch or None), facts   # no triplet: no _multiarch
    assert facts['soabi'] == soabi, facts
    assert facts['ext_suffix'] == f'.{soabi}.so', facts
    assert facts['platform'] == f'linux-{target.machine}', facts


FLAGS = '''
import json, sysconfig
print(json.dumps({k: v for k, v in sysconfig.get_config_vars().items() if isinstance(v, str)
                  and ("FLAGS" in k or k == "OPT")}))
'''


@requires('pgo')
def test_sysconfig_tells_the_flags_the_interpreter_was_built_with(python):
    """Profile-guided and link-time optimised: the configuration variables name the profile
    the objects were compiled with (in the build tree, mapped), not the instrumented build's."""
    with Root() as root:
        root.add('/bin/python', copy_of=python)
        flags = last_json(root.run(['/bin/python', '-c', FLAGS], env=ENV))
    assert not [k for k, v in flags.items() if '-fprofile-generate=' in v], flags
    assert '-fprofile-use=' in flags['PY_CFLAGS_NODIST'] and '-flto' in flags['PY_CFLAGS_NODIST']
    assert '-flto' in flags['PY_LDFLAGS_NODIST'] and '-fprofile' not in flags['PY_LDFLAGS_NODIST']
