"""Every command-line option, -X option and environment variable that sets sys.flags or a
run-time setting does what it does in an ordinary CPython build of the same version.

The expected values are CPython's documented behaviour for the version (versions.py has
what differs between series); each case was also checked against `./configure && make` of
the same source (the reference build of `scons regrtest`). They run in a root holding only
the interpreter, /tmp and /proc.
"""
import pytest

from isolation import Root, describe, last_json
from versions import BIN, THIS, has, requires, source

BASE_ENV = {'PATH': '/bin', 'LANG': 'C.UTF-8'}

# What the probe reports beside sys.flags: fact -> (the feature it needs, None for every
# series; how the probe computes it, valid 2.7 and 3.x code spelled by source(); its value
# with no option). A series without the feature reports nothing of it.
FACTS = {
    'xoptions': ('xoptions', 'sys._xoptions', {}),
    'warnoptions': (None, 'sys.warnoptions', []),
    'encoding_warning': ('warn_default_encoding',
                         'any(w.category.__name__ == "EncodingWarning" for w in caught)', False),
    'pycache_prefix': ('pycache_prefix', 'sys.pycache_prefix', None),
    'cpu_count': (None, 'os.cpu_count() == int(sys.argv[1]) if len(sys.argv) > 1 '
                        'else os.cpu_count() > 0', True),
    'faulthandler': ('faulthandler', '__import__("faulthandler").is_enabled()', False),
    'tracemalloc': ('tracemalloc', '[__import__("tracemalloc").is_tracing(), '
                                   '__import__("tracemalloc").get_traceback_limit()]', [False, 1]),
    'os_origin': (None, 'os.__spec__.origin', 'frozen' if has('frozen') else BIN + '/os.py'),
    'debug_ranges': ('debug_ranges', 'list(compile("x + 1", "<probe>", "eval").co_positions())'
                                     '[-1][2] is not None', True),
    'perf': (None, 'getattr(sys, "is_stack_trampoline_active", lambda: None)()',
             False if has('perf') else None),       # None: sys has no trampoline API
    'check_hash_based_pycs': ('hash_based_pycs', '__import__("_imp").check_hash_based_pycs',
                              'default'),
    'write_through': ('write_through', 'sys.stdout.write_through', False),
}
FACTS = {name: (code, default) for name, (feature, code, default) in FACTS.items()
         if has(feature)}
PROBE = source('''
import json, os, sys, warnings
flags = dict((n, getattr(sys.flags, n)) for n in dir(sys.flags)
             if not n.startswith(('_', 'n_')) and n not in ('count', 'index'))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    open(sys.executable).close()
print(json.dumps({'flags': flags, %s}))
''' % ', '.join(f'{name!r}: {code}' for name, (code, _) in FACTS.items()))
DEFAULTS = {name: default for name, (_, default) in FACTS.items()}

# sys.flags of every series with their defaults, then the fields that came with a feature
# (named as it), then the series' own fields and defaults (THIS.flags).
FLAGS = {'debug': 0, 'inspect': 0, 'interactive': 0, 'optimize': 0, 'dont_write_bytecode': 0,
         'no_user_site': 0, 'no_site': 0, 'ignore_environment': 0, 'verbose': 0,
         'bytes_warning': 0, 'hash_randomization': 1}
FEATURE_FLAGS = {'quiet': 0, 'isolated': 0, 'dev_mode': False, 'utf8_mode': 0,
                 'warn_default_encoding': 0, 'safe_path': False}
FLAGS.update({name: value for name, value in FEATURE_FLAGS.items() if has(name)})
FLAGS.update(THIS.flags)
ISOLATED = {'isolated': 1, 'ignore_environment': 1, 'no_user_site': 1, 'safe_path': True}


def case(name, options, env, flags, facts, needs=None):
    """An option's case: what it changes in sys.flags and in the other facts, or what the
    series does instead (THIS.options); skipped where the series lacks the feature."""
    flags, facts = THIS.options.get(name, (flags, facts))
    facts = {fact: value for fact, value in facts.items() if fact in FACTS}
    return pytest.param(options, env, flags, facts, id=name, marks=requires(needs))


CASES = [
    case('none', [], {}, {}, {}),
    case('-X warn_default_encoding', ['-X', 'warn_default_encoding'], {},
         {'warn_default_encoding': 1},
         {'xoptions': {'warn_default_encoding': True}, 'encoding_warning': True},
         needs='warn_default_encoding'),
    case('PYTHONWARNDEFAULTENCODING', [], {'PYTHONWARNDEFAULTENCODING': '1'},
         {'warn_default_encoding': 1}, {'encoding_warning': True},
         needs='warn_default_encoding'),
    case('-X utf8', ['-X', 'utf8'], {}, {'utf8_mode': 1}, {'xoptions': {'utf8': True}},
         needs='utf8_mode'),
    case('PYTHONUTF8', [], {'PYTHONUTF8': '1'}, {'utf8_mode': 1}, {}, needs='utf8_mode'),
    case('C locale', [], {'LC_ALL': 'C'}, {'utf8_mode': 1}, {}, needs='utf8_mode'),
    case('C locale, -X utf8=0', ['-X', 'utf8=0'], {'LC_ALL': 'C'}, {'utf8_mode': 0},
         {'xoptions': {'utf8': '0'}}, needs='utf8_mode'),
    case('-X dev', ['-X', 'dev'], {}, {'dev_mode': True},
         {'xoptions': {'dev': True}, 'faulthandler': True, 'warnoptions': ['default']},
         needs='dev_mode'),
    case('PYTHONDEVMODE', [], {'PYTHONDEVMODE': '1'}, {'dev_mode': True},
         {'faulthandler': True, 'warnoptions': ['default']}, needs='dev_mode'),
    case('-X int_max_str_digits', ['-X', 'int_max_str_digits=5000'], {},
         {'int_max_str_digits': 5000}, {'xoptions': {'int_max_str_digits': '5000'}},
         needs='int_max_str_digits'),
    case('PYTHONINTMAXSTRDIGITS', [], {'PYTHONINTMAXSTRDIGITS': '6000'},
         {'int_max_str_digits': 6000}, {}, needs='int_max_str_digits'),
    case('-X faulthandler', ['-X', 'faulthandler'], {}, {},
         {'xoptions': {'faulthandler': True}, 'faulthandler': True}, needs='faulthandler'),
    case('PYTHONFAULTHANDLER', [], {'PYTHONFAULTHANDLER': '1'}, {}, {'faulthandler': True},
         needs='faulthandler'),
    case('-X tracemalloc', ['-X', 'tracemalloc=3'], {}, {},
         {'xoptions': {'tracemalloc': '3'}, 'tracemalloc': [True, 3]}, needs='tracemalloc'),
    case('PYTHONTRACEMALLOC', [], {'PYTHONTRACEMALLOC': '2'}, {}, {'tracemalloc': [True, 2]},
         needs='tracemalloc'),
    case('-X frozen_modules=off', ['-X', 'frozen_modules=off'], {}, {},
         {'xoptions': {'frozen_modules': 'off'}, 'os_origin': BIN + '/os.py'}, needs='frozen'),
    case('-X no_debug_ranges', ['-X', 'no_debug_ranges'], {}, {},
         {'xoptions': {'no_debug_ranges': True}, 'debug_ranges': False}, needs='debug_ranges'),
    case('PYTHONNODEBUGRANGES', [], {'PYTHONNODEBUGRANGES': '1'}, {}, {'debug_ranges': False},
         needs='debug_ranges'),
    case('-X pycache_prefix', ['-X', 'pycache_prefix=/tmp/pyc'], {}, {},
         {'xoptions': {'pycache_prefix': '/tmp/pyc'}, 'pycache_prefix': '/tmp/pyc'},
         needs='pycache_prefix'),
    case('PYTHONPYCACHEPREFIX', [], {'PYTHONPYCACHEPREFIX': '/tmp/env'}, {},
         {'pycache_prefix': '/tmp/env'}, needs='pycache_prefix'),
    case('-X perf', ['-X', 'perf'], {}, {}, {'xoptions': {'perf': True}, 'perf': True},
         needs='xoptions'),
    case('PYTHONPERFSUPPORT', [], {'PYTHONPERFSUPPORT': '1'}, {}, {'perf': True}),
    case('-b', ['-b'], {}, {'bytes_warning': 1}, {'warnoptions': ['default::BytesWarning']}),
    case('-bb', ['-bb'], {}, {'bytes_warning': 2}, {'warnoptions': ['error::BytesWarning']}),
    case('-B', ['-B'], {}, {'dont_write_bytecode': 1}, {}),
    case('PYTHONDONTWRITEBYTECODE', [], {'PYTHONDONTWRITEBYTECODE': '1'},
         {'dont_write_bytecode': 1}, {}),
    case('-d', ['-d'], {}, {'debug': 1}, {}),
    case('-E', ['-E'], {'PYTHONWARNDEFAULTENCODING': '1', 'PYTHONOPTIMIZE': '1'},
         {'ignore_environment': 1}, {}),
    case('-I', ['-I'], {'PYTHONUTF8': '1', 'PYTHONSAFEPATH': '1'}, ISOLATED, {},
         needs='isolated'),
    case('-O', ['-O'], {}, {'optimize': 1}, {}),
    case('-OO', ['-OO'], {}, {'optimize': 2}, {}),
    case('PYTHONOPTIMIZE', [], {'PYTHONOPTIMIZE': '2'}, {'optimize': 2}, {}),
    case('-P', ['-P'], {}, {'safe_path': True}, {}, needs='safe_path'),
    case('PYTHONSAFEPATH', [], {'PYTHONSAFEPATH': '1'}, {'safe_path': True}, {},
         needs='safe_path'),
    case('-q', ['-q'], {}, {'quiet': 1}, {}, needs='quiet'),
    case('-s', ['-s'], {}, {'no_user_site': 1}, {}),
    case('PYTHONNOUSERSITE', [], {'PYTHONNOUSERSITE': '1'}, {'no_user_site': 1}, {}),
    case('-S', ['-S'], {}, {'no_site': 1}, {}),
    case('-u', ['-u'], {}, {}, {'write_through': True}),
    case('PYTHONUNBUFFERED', [], {'PYTHONUNBUFFERED': '1'}, {}, {'write_through': True}),
    case('-v', ['-v'], {}, {'verbose': 1}, {}),
    case('PYTHONVERBOSE', [], {'PYTHONVERBOSE': '1'}, {'verbose': 1}, {}),
    case('-W', ['-W', 'error::DeprecationWarning'], {}, {},
         {'warnoptions': ['error::DeprecationWarning']}),
    case('PYTHONWARNINGS', [], {'PYTHONWARNINGS': 'ignore,default:::json'}, {},
         {'warnoptions': ['ignore', 'default:::json']}),
    case('PYTHONHASHSEED=0', [], {'PYTHONHASHSEED': '0'}, {'hash_randomization': 0}, {}),
    case('-R', ['-R'], {'PYTHONHASHSEED': '0'}, {}, {}),
    case('--check-hash-based-pycs', ['--check-hash-based-pycs', 'always'], {}, {},
         {'check_hash_based_pycs': 'always'}, needs='hash_based_pycs'),
    case('-i', ['-i'], {}, {'inspect': 1, 'interactive': 1}, {}),
    # Python 2's: -3 warns of what 3.x changes (and implies -Qwarn and -t), -Q chooses
    # the division operator, -t warns of inconsistent tabs.
    case('-3', ['-3'], {}, {'py3k_warning': 1, 'division_warning': 1, 'tabcheck': 1}, {},
         needs='python2_options'),
    case('-Qwarn', ['-Qwarn'], {}, {'division_warning': 1}, {}, needs='python2_options'),
    case('-Qwarnall', ['-Qwarnall'], {}, {'division_warning': 2}, {},
         needs='python2_options'),
    case('-Qnew', ['-Qnew'], {}, {'division_new': 1}, {}, needs='python2_options'),
    case('-tt', ['-tt'], {}, {'tabcheck': 2}, {}, needs='python2_options'),
]


@pytest.fixture(scope='module')
def root(python):
    with Root() as root:
        root.add(BIN, copy_of=python)
        yield root


@pytest.fixture(scope='module')
def default_flags(libc_data):
    """sys.flags with no option: where the C library has only the C locale, LANG=C.UTF-8
    names no locale, so Python runs in the C locale, where its UTF-8 mode is on (PEP 540)."""
    if libc_data.only_c_locale and 'utf8_mode' in FLAGS:
        return dict(FLAGS, utf8_mode=1)
    return FLAGS


@pytest.mark.parametrize('options, env, flags, facts', CASES)
def test_option(root, default_flags, options, env, flags, facts, perf_trampoline):
    p = root.run([BIN, *options, '-c', PROBE], tmpfs=('/tmp',), env=dict(BASE_ENV, **env),
                 stdin='')
    result = last_json(p)
    if 'perf' in facts and not perf_trampoline:
        facts = dict(facts, perf=DEFAULTS['perf'])    # asked for, but CPython has none here
    assert result.pop('flags') == dict(default_flags, **flags), describe(p)
    assert result == dict(DEFAULTS, **facts), describe(p)


def test_cpu_count(root):
    """os.cpu_count() is 3 as asked, or, in a series without the option, what it is without
    (and -X only where the series has -X options)."""
    if has('cpu_count'):
        count = '3'
    else:
        p = root.run([BIN, '-c', source('import os; print(os.cpu_count())')], env=BASE_ENV)
        assert p.returncode == 0, describe(p)
        count = p.stdout.strip()
    ways = [([], {'PYTHON_CPU_COUNT': '3'})]
    if has('xoptions'):
        ways.append((['-X', 'cpu_count=3'], {}))
    for options, env in ways:
        p = root.run([BIN, *options, '-c', PROBE, count], tmpfs=('/tmp',),
                     env=dict(BASE_ENV, **env))
        assert last_json(p)['cpu_count'] is True, describe(p)


@pytest.mark.parametrize('options, env', [(['-X', 'importtime'], {}),
                                          ([], {'PYTHONPROFILEIMPORTTIME': '1'})],
                         ids=['-X importtime', 'PYTHONPROFILEIMPORTTIME'])
@requires('importtime')
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
            'print(open("/tmp/perf-%d.map" % os.getpid()).read())')
    p = root.run([BIN, '-c', code], tmpfs=('/tmp',), env=BASE_ENV)
    if not has('perf'):
        # "module 'sys' has no attribute ...", or 2.7's "'module' object has no attribute ..."
        last = p.stderr.strip().splitlines()[-1:]
        assert p.returncode == 1 and last, describe(p)
        assert last[0].startswith('AttributeError: ') and \
            last[0].endswith(" has no attribute 'activate_stack_trampoline'"), describe(p)
        return
    if not perf_trampoline:
        assert p.returncode == 1, describe(p)
        assert 'ValueError: perf trampoline not available' in p.stderr, describe(p)
        return
    assert p.returncode == 0, describe(p)
    assert 'py::f:<string>' in p.stdout, describe(p)


@pytest.mark.parametrize('options, env, out', [([], {}, ''), (['-u'], {}, 'unbuffered'),
                                               ([], {'PYTHONUNBUFFERED': '1'}, 'unbuffered')],
                         ids=['buffered', '-u', 'PYTHONUNBUFFERED'])
def test_unbuffered(root, options, env, out):
    """-u: what the program writes reaches the pipe at once, also when it ends without
    flushing (os._exit); else stdout, a pipe, keeps it in its buffer, and it is lost."""
    code = source('import os, sys; sys.stdout.write("unbuffered"); os._exit(0)')
    p = root.run([BIN, *options, '-c', code], env=dict(BASE_ENV, **env))
    assert p.returncode == 0, describe(p)
    assert p.stdout == out, describe(p)
