"""Every command-line option, -X option and environment variable that sets sys.flags or a
run-time setting does what it does in an ordinary CPython build of the same version.

The expected values are CPython's documented behaviour for the version (versions.py has
what differs between series); each case was also checked against `./configure && make` of
the same source (the reference build of `scons regrtest`). They run in a root holding only
the interpreter, /tmp and /proc.
"""
import pytest

from isolation import Root, describe, last_json
from versions import BIN, THIS, has

BASE_ENV = {'PATH': '/bin', 'LANG': 'C.UTF-8'}

PROBE = '''
import _imp, faulthandler, json, os, sys, tracemalloc, warnings
flags = {n: getattr(sys.flags, n) for n in dir(sys.flags)
         if not n.startswith(('_', 'n_')) and n not in ('count', 'index')}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    open(sys.executable).close()
print(json.dumps({
    'flags': flags,
    'xoptions': sys._xoptions,
    'warnoptions': sys.warnoptions,
    'encoding_warning': any(w.category.__name__ == 'EncodingWarning' for w in caught),
    'pycache_prefix': sys.pycache_prefix,
    'cpu_count': os.cpu_count() == int(sys.argv[1]) if len(sys.argv) > 1 else os.cpu_count() > 0,
    'faulthandler': faulthandler.is_enabled(),
    'tracemalloc': [tracemalloc.is_tracing(), tracemalloc.get_traceback_limit()],
    'os_origin': os.__spec__.origin,
    'debug_ranges': list(compile('x + 1', '<probe>', 'eval').co_positions())[-1][2] is not None,
    'perf': getattr(sys, 'is_stack_trampoline_active', lambda: None)(),
    'check_hash_based_pycs': _imp.check_hash_based_pycs,
    'write_through': sys.stdout.write_through,
}))
'''

FLAGS = {'debug': 0, 'inspect': 0, 'interactive': 0, 'optimize': 0, 'dont_write_bytecode': 0,
         'no_user_site': 0, 'no_site': 0, 'ignore_environment': 0, 'verbose': 0,
         'bytes_warning': 0, 'quiet': 0, 'hash_randomization': 1, 'isolated': 0,
         'dev_mode': False, 'utf8_mode': 0, 'warn_default_encoding': 0, 'safe_path': False,
         **THIS.flags}
DEFAULTS = {'xoptions': {}, 'warnoptions': [], 'encoding_warning': False,
            'pycache_prefix': None, 'cpu_count': True, 'faulthandler': False,
            'tracemalloc': [False, 1], 'os_origin': 'frozen', 'debug_ranges': True,
            'perf': False if has('perf') else None,   # None: sys has no trampoline API
            'check_hash_based_pycs': 'default', 'write_through': False}
ISOLATED = {'isolated': 1, 'ignore_environment': 1, 'no_user_site': 1, 'safe_path': True}

# (name, options, environment, changed flags, other changed facts)
CASES = [
    ('none', [], {}, {}, {}),
    ('-X warn_default_encoding', ['-X', 'warn_default_encoding'], {},
     {'warn_default_encoding': 1},
     {'xoptions': {'warn_default_encoding': True}, 'encoding_warning': True}),
    ('PYTHONWARNDEFAULTENCODING', [], {'PYTHONWARNDEFAULTENCODING': '1'},
     {'warn_default_encoding': 1}, {'encoding_warning': True}),
    ('-X utf8', ['-X', 'utf8'], {}, {'utf8_mode': 1}, {'xoptions': {'utf8': True}}),
    ('PYTHONUTF8', [], {'PYTHONUTF8': '1'}, {'utf8_mode': 1}, {}),
    ('C locale', [], {'LC_ALL': 'C'}, {'utf8_mode': 1}, {}),
    ('C locale, -X utf8=0', ['-X', 'utf8=0'], {'LC_ALL': 'C'}, {},
     {'xoptions': {'utf8': '0'}}),
    ('-X dev', ['-X', 'dev'], {}, {'dev_mode': True},
     {'xoptions': {'dev': True}, 'faulthandler': True, 'warnoptions': ['default']}),
    ('PYTHONDEVMODE', [], {'PYTHONDEVMODE': '1'}, {'dev_mode': True},
     {'faulthandler': True, 'warnoptions': ['default']}),
    ('-X int_max_str_digits', ['-X', 'int_max_str_digits=5000'], {},
     {'int_max_str_digits': 5000}, {'xoptions': {'int_max_str_digits': '5000'}}),
    ('PYTHONINTMAXSTRDIGITS', [], {'PYTHONINTMAXSTRDIGITS': '6000'},
     {'int_max_str_digits': 6000}, {}),
    ('-X faulthandler', ['-X', 'faulthandler'], {}, {},
     {'xoptions': {'faulthandler': True}, 'faulthandler': True}),
    ('PYTHONFAULTHANDLER', [], {'PYTHONFAULTHANDLER': '1'}, {}, {'faulthandler': True}),
    ('-X tracemalloc', ['-X', 'tracemalloc=3'], {}, {},
     {'xoptions': {'tracemalloc': '3'}, 'tracemalloc': [True, 3]}),
    ('PYTHONTRACEMALLOC', [], {'PYTHONTRACEMALLOC': '2'}, {}, {'tracemalloc': [True, 2]}),
    ('-X frozen_modules=off', ['-X', 'frozen_modules=off'], {}, {},
     {'xoptions': {'frozen_modules': 'off'}, 'os_origin': BIN + '/os.py'}),
    ('-X no_debug_ranges', ['-X', 'no_debug_ranges'], {}, {},
     {'xoptions': {'no_debug_ranges': True}, 'debug_ranges': False}),
    ('PYTHONNODEBUGRANGES', [], {'PYTHONNODEBUGRANGES': '1'}, {}, {'debug_ranges': False}),
    ('-X pycache_prefix', ['-X', 'pycache_prefix=/tmp/pyc'], {}, {},
     {'xoptions': {'pycache_prefix': '/tmp/pyc'}, 'pycache_prefix': '/tmp/pyc'}),
    ('PYTHONPYCACHEPREFIX', [], {'PYTHONPYCACHEPREFIX': '/tmp/env'}, {},
     {'pycache_prefix': '/tmp/env'}),
    ('-X perf', ['-X', 'perf'], {}, {}, {'xoptions': {'perf': True}, 'perf': True}),
    ('PYTHONPERFSUPPORT', [], {'PYTHONPERFSUPPORT': '1'}, {}, {'perf': True}),
    ('-b', ['-b'], {}, {'bytes_warning': 1}, {'warnoptions': ['default::BytesWarning']}),
    ('-bb', ['-bb'], {}, {'bytes_warning': 2}, {'warnoptions': ['error::BytesWarning']}),
    ('-B', ['-B'], {}, {'dont_write_bytecode': 1}, {}),
    ('PYTHONDONTWRITEBYTECODE', [], {'PYTHONDONTWRITEBYTECODE': '1'},
     {'dont_write_bytecode': 1}, {}),
    ('-d', ['-d'], {}, {'debug': 1}, {}),
    ('-E', ['-E'], {'PYTHONWARNDEFAULTENCODING': '1', 'PYTHONOPTIMIZE': '1'},
     {'ignore_environment': 1}, {}),
    ('-I', ['-I'], {'PYTHONUTF8': '1', 'PYTHONSAFEPATH': '1'}, ISOLATED, {}),
    ('-O', ['-O'], {}, {'optimize': 1}, {}),
    ('-OO', ['-OO'], {}, {'optimize': 2}, {}),
    ('PYTHONOPTIMIZE', [], {'PYTHONOPTIMIZE': '2'}, {'optimize': 2}, {}),
    ('-P', ['-P'], {}, {'safe_path': True}, {}),
    ('PYTHONSAFEPATH', [], {'PYTHONSAFEPATH': '1'}, {'safe_path': True}, {}),
    ('-q', ['-q'], {}, {'quiet': 1}, {}),
    ('-s', ['-s'], {}, {'no_user_site': 1}, {}),
    ('PYTHONNOUSERSITE', [], {'PYTHONNOUSERSITE': '1'}, {'no_user_site': 1}, {}),
    ('-S', ['-S'], {}, {'no_site': 1}, {}),
    ('-u', ['-u'], {}, {}, {'write_through': True}),
    ('PYTHONUNBUFFERED', [], {'PYTHONUNBUFFERED': '1'}, {}, {'write_through': True}),
    ('-v', ['-v'], {}, {'verbose': 1}, {}),
    ('PYTHONVERBOSE', [], {'PYTHONVERBOSE': '1'}, {'verbose': 1}, {}),
    ('-W', ['-W', 'error::DeprecationWarning'], {}, {},
     {'warnoptions': ['error::DeprecationWarning']}),
    ('PYTHONWARNINGS', [], {'PYTHONWARNINGS': 'ignore,default:::json'}, {},
     {'warnoptions': ['ignore', 'default:::json']}),
    ('PYTHONHASHSEED=0', [], {'PYTHONHASHSEED': '0'}, {'hash_randomization': 0}, {}),
    ('-R', ['-R'], {'PYTHONHASHSEED': '0'}, {}, {}),
    ('--check-hash-based-pycs', ['--check-hash-based-pycs', 'always'], {}, {},
     {'check_hash_based_pycs': 'always'}),
    ('-i', ['-i'], {}, {'inspect': 1, 'interactive': 1}, {}),
]


@pytest.fixture(scope='module')
def root(python):
    with Root() as root:
        root.add(BIN, copy_of=python)
        yield root


@pytest.mark.parametrize('name, options, env, flags, facts', CASES, ids=[c[0] for c in CASES])
def test_option(root, name, options, env, flags, facts, perf_trampoline):
    p = root.run([BIN, *options, '-c', PROBE], tmpfs=('/tmp',), env=dict(BASE_ENV, **env),
                 stdin='')
    result = last_json(p)
    if 'perf' in facts and not perf_trampoline:
        facts = dict(facts, perf=DEFAULTS['perf'])    # asked for, but CPython has none here
    assert result.pop('flags') == dict(FLAGS, **flags), describe(p)
    assert result == dict(DEFAULTS, **facts), describe(p)


def test_cpu_count(root):
    """os.cpu_count() is 3 as asked, or, in a series without the option, what it is without."""
    if has('cpu_count'):
        count = '3'
    else:
        p = root.run([BIN, '-c', 'import os; print(os.cpu_count())'], env=BASE_ENV)
        assert p.returncode == 0, describe(p)
        count = p.stdout.strip()
    for options, env in ((['-X', 'cpu_count=3'], {}), ([], {'PYTHON_CPU_COUNT': '3'})):
        p = root.run([BIN, *options, '-c', PROBE, count], tmpfs=('/tmp',),
                     env=dict(BASE_ENV, **env))
        assert last_json(p)['cpu_count'] is True, describe(p)


@pytest.mark.parametrize('options, env', [(['-X', 'importtime'], {}),
                                          ([], {'PYTHONPROFILEIMPORTTIME': '1'})],
                         ids=['-X importtime', 'PYTHONPROFILEIMPORTTIME'])
def test_importtime(root, options, env):
    p = root.run([BIN, *options, '-c', 'import json'], env=dict(BASE_ENV, **env))
    assert p.returncode == 0, describe(p)
    assert 'import time: self [us] | cumulative | imported package' in p.stderr, describe(p)
    assert any(line.endswith('| json') for line in p.stderr.splitlines()), describe(p)


def test_perf_map_is_written(root, perf_trampoline):
    """-X perf: the trampoline writes /tmp/perf-<pid>.map for perf to read. CPython has it
    for some CPUs only (PERF_TRAMPOLINE_CPUS in its recipe); elsewhere it says so, and
    before 3.12 sys has no such function."""
    code = ('import os, sys\nsys.activate_stack_trampoline("perf")\n'
            'def f(): return 1\nf()\nsys.deactivate_stack_trampoline()\n'
            'print(open(f"/tmp/perf-{os.getpid()}.map").read())')
    p = root.run([BIN, '-c', code], tmpfs=('/tmp',), env=BASE_ENV)
    if not has('perf'):
        assert p.returncode == 1, describe(p)
        assert "AttributeError: module 'sys' has no attribute 'activate_stack_trampoline'" \
            in p.stderr, describe(p)
        return
    if not perf_trampoline:
        assert p.returncode == 1, describe(p)
        assert 'ValueError: perf trampoline not available' in p.stderr, describe(p)
        return
    assert p.returncode == 0, describe(p)
    assert 'py::f:<string>' in p.stdout, describe(p)
