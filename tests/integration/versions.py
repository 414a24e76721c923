"""What differs between the CPython series the flavors build, as data (SERIES, keyed by
'3.13'), and the names of the interpreter under test, derived from its flavor
(STATICPYTHON_FLAVOR, as the `flavor` fixture): module-level test parameters need them
when the tests are collected."""
import os
from dataclasses import dataclass, field

import pytest

from staticpython.flavors import FLAVORS
from staticpython.recipes import load


@dataclass(frozen=True)
class Series:
    magic: range                # bytecode magic numbers of the series (its alphas on)
    bundled: dict               # ensurepip's bundled wheels: project -> version
    failing_on_linux: dict      # stdlib modules that cannot import on Linux -> their error
    flags: dict                 # sys.flags fields of this series only -> default value
    frozen: frozenset           # sources of frozen modules test_python_elf expects
    json_docs: str              # the module reference pydoc names for json
    abc_file: str               # the source file of collections.abc
    # (module, class, its first line, its file): a stdlib class inspect.getsource() finds
    stdlib_class: tuple
    usage_exit_status: int      # `python -m tabnanny` without arguments
    pdb_breakpoint_at_def: bool # `break func` names the def line, and stops at the first
                                # line of the body (else it names that line)
    absent: dict = field(default_factory=dict)   # feature -> why this series has none
    # The word of a .pyc header after the magic number: the flags (0b01: unchecked
    # hash-based, PEP 552) from 3.7; in 2.7 the source's mtime.
    pyc_word: int = 0b01
    sysconfigdata: str = '_sysconfigdata_*.py'  # the build's configuration, top of the ZIP
    json_tool_sorts: bool = False               # `python -m json.tool` sorts the keys
    # How this series spells what the tests' code spells the 3.x way (source()).
    spelled: dict = field(default_factory=dict)


SERIES = {
    '3.13': Series(
        magic=range(3550, 3600),
        bundled={'pip': '26.2.1'},
        # _ios_support needs the Objective-C runtime (ctypes.util.find_library('objc')).
        failing_on_linux={'_ios_support': "ImportError: ObjC runtime library couldn't be loaded"},
        flags={'int_max_str_digits': 4300, 'gil': 1},
        # patch 0017 freezes the encodings package
        frozen=frozenset({'os.py', 'site.py', 'codecs.py', 'encodings/__init__.py'}),
        # pydoc_data.module_docs names the page and anchor (3.13.5 still said json.html)
        json_docs='https://docs.python.org/3.13/library/json#module-json',
        # collections.abc is _collections_abc itself (sys.modules) since 3.12
        abc_file='_collections_abc.py',
        stdlib_class=('collections.abc', 'Sequence', 'class Sequence(Reversible, Collection):',
                      '_collections_abc.py'),
        usage_exit_status=1,
        pdb_breakpoint_at_def=False,
    ),
    '3.11': Series(
        magic=range(3450, 3500),            # 3.11a1 3450 .. 3.11 final 3495; 3.12 from 3500
        bundled={'pip': '22.3.1', 'setuptools': '65.5.0'},
        # msilib is Windows-only: its C part _msi is never built elsewhere.
        failing_on_linux={'msilib': "ModuleNotFoundError: No module named '_msi'"},
        # int_max_str_digits reads -1 unless -X or PYTHONINTMAXSTRDIGITS sets it (the limit
        # is 4300 all the same); sys.flags.gil came in 3.13.
        flags={'int_max_str_digits': -1},
        frozen=frozenset({'os.py', 'site.py', 'codecs.py', 'encodings/__init__.py'}),
        json_docs='https://docs.python.org/3.11/library/json.html',
        # collections/abc.py re-exports _collections_abc, whose classes say __module__
        # 'collections.abc': inspect cannot find their definitions in either file (CPython
        # 3.11 on disk neither), so the class inspected is json's.
        abc_file='collections/abc.py',
        stdlib_class=('json.decoder', 'JSONDecoder', 'class JSONDecoder(object):',
                      'json/decoder.py'),
        usage_exit_status=0,        # tabnanny's errprint() exits only since 3.12
        pdb_breakpoint_at_def=True,   # as CPython 3.11 does with files on disk
        absent={
            'pyrepl': 'the new REPL (_pyrepl, PYTHON_BASIC_REPL) came in 3.13: the default '
                      'REPL is the basic readline one',
            'perf': 'the perf trampoline (-X perf, sys.activate_stack_trampoline) came in 3.12',
            'files_of_caller': 'importlib.resources.files() without an argument (the '
                               'calling package) came in 3.12: the package names itself',
            'cpu_count': '-X cpu_count and PYTHON_CPU_COUNT came in 3.13',
            'mimalloc': 'CPython compiles mimalloc in since 3.13: PYTHONMALLOC=mimalloc is '
                        'refused',
        },
    ),
    '2.7': Series(
        magic=range(62171, 62212),          # 2.7a0 62171 .. 2.7 final 62211
        bundled={'pip': '19.2.3', 'setuptools': '41.2.0'},
        failing_on_linux={},
        flags={},
        frozen=frozenset(),                 # 2.7 freezes no module of its standard library
        json_docs='https://docs.python.org/library/json',
        abc_file='',
        stdlib_class=('json.decoder', 'JSONDecoder', 'class JSONDecoder(object):',
                      'json/decoder.py'),
        usage_exit_status=0,
        pdb_breakpoint_at_def=True,
        pyc_word=315532800,                 # the ZIP's fixed date in UTC (stdlib_zip27.py)
        sysconfigdata='_sysconfigdata.py',
        json_tool_sorts=True,
        spelled={
            'sys.implementation.name': '__import__("platform").python_implementation().lower()',
            'sys.base_prefix': 'sys.prefix',            # no venv: the base is the prefix
            'sys._base_executable': 'sys.executable',
            'sys.flags.isolated': 'None',               # no -I
        },
        absent={
            'frozen': '2.7 freezes no module of its standard library (no _imp)',
            'zipindex': "the ZIP's directory index is read by 3.13's zipimport (patch 0016)",
            'isolated': '-I came in 3.4',
            'importlib': 'importlib.util (find_spec) came in 3.4',
            'pth': '._pth files came in 3.6 (Windows) and getpath.py in 3.11',
            'sysconfig_names': 'sys._stdlib_dir, sys.implementation._multiarch, EXT_SUFFIX '
                               'and SOABI came in 3.x',
            'pgo': 'python2.7 is not profile-guided: the training script is Python 3',
            'stdlib_import_all': "the import-everything script uses pkgutil's ModuleInfo "
                                 '(3.6) and expects 3.x packages (asyncio, venv, zoneinfo)',
            'pydoc_layout': "2.7's pydoc puts the summary on the NAME line and shows no "
                            'signature for builtins (len(obj, /) is 3.x)',
            'musl_platform': "2.7's platform.libc_ver() knows glibc only; it has no MULTIARCH",
            'our_python_files': 'src/_staticpython_certs.py and src/staticpython.py are 3.x '
                                'code: no CA bundle fallback, no python -m staticpython',
        },
    ),
    '3.2': Series(
        magic=range(3150, 3190),            # 3.2a0 3150 .. 3.2 final 3180; 3.3 from 3190
        bundled={},                         # ensurepip came in 3.4
        # msilib is Windows-only: its C part _msi is never built elsewhere.
        failing_on_linux={'msilib': 'ImportError: No module named _msi'},
        flags={},
        frozen=frozenset(),                 # 3.2 freezes no module of its standard library
        json_docs='http://docs.python.org/3.2/library/json',
        abc_file='',                        # collections.abc came in 3.3 (3.2: _abcoll)
        stdlib_class=('json.decoder', 'JSONDecoder', 'class JSONDecoder(object):',
                      'json/decoder.py'),
        usage_exit_status=0,
        pdb_breakpoint_at_def=True,
        pyc_word=315532800,                 # the ZIP's fixed date in UTC (stdlib_zip27.py)
        sysconfigdata='_sysconfigdata.py',  # patch 0007, as 3.3 names it
        json_tool_sorts=True,
        spelled={
            'sys.implementation.name': '__import__("platform").python_implementation().lower()',
            'sys.base_prefix': 'sys.prefix',            # no venv: the base is the prefix
            'sys._base_executable': 'sys.executable',
            'sys.flags.isolated': 'None',               # no -I
        },
        absent={
            'frozen': '3.2 freezes no module of its standard library (no _imp)',
            'zipindex': "the ZIP's directory index is read by 3.13's zipimport (patch 0016)",
            'isolated': '-I came in 3.4',
            'importlib': 'importlib.util (find_spec) came in 3.4',
            'pth': '._pth files came in 3.6 (Windows) and getpath.py in 3.11',
            'sysconfig_names': 'sys._stdlib_dir, sys.implementation._multiarch, EXT_SUFFIX '
                               'and SOABI came in 3.3 and later',
            'pgo': 'python3.2 is not profile-guided: the training script needs 3.6',
            'stdlib_import_all': "the import-everything script uses pkgutil's ModuleInfo "
                                 '(3.6) and expects newer packages (asyncio, venv, zoneinfo)',
            'musl_platform': "3.2's platform.libc_ver() knows glibc only; it has no MULTIARCH",
            'our_python_files': 'src/_staticpython_certs.py and src/staticpython.py need a '
                                'newer Python: no python -m staticpython',
            'ssl': "3.2's _ssl needs OpenSSL before 1.1: no ssl, as in the original",
            'pydoc_layout': "3.2's pydoc shows no signature for builtins (len(obj, /) came "
                            'with Argument Clinic in 3.4)',
        },
    ),
}

FLAVOR = FLAVORS[os.environ.get('STATICPYTHON_FLAVOR', 'python3.13')]
RECIPE = load()[FLAVOR.interpreter]
VERSION = RECIPE.VERSION                            # '3.13.15'
XY = '.'.join(VERSION.split('.')[:2])               # '3.13'
VERSION_INFO = tuple(int(n) for n in XY.split('.'))
assert XY in SERIES, f'{FLAVOR.name}: CPython {XY} has no entry in versions.SERIES'
THIS = SERIES[XY]
PROGRAM = FLAVOR.output                             # 'python3.13-static'
BIN = '/bin/' + PROGRAM
LIBDIR = RECIPE.LIBDIR                              # 'lib/python3.13'
SOABI = 'cpython-' + XY.replace('.', '')            # sysconfig's SOABI, less the multiarch


# Files of ours in the ZIP: the recipe's, and the CA bundle of a flavor with certifi.
OUR_FILES = tuple(name for _, name in RECIPE.OUR_FILES) + (
    ('_staticpython_cacert.pem',) if 'certifi' in FLAVOR.libraries else ())


def source(code):
    """Python code the tests send to the interpreter, spelled for this series (THIS.spelled);
    unchanged for 3.x."""
    for old, new in THIS.spelled.items():
        code = code.replace(old, new)
    return code


def has(feature):
    return feature not in THIS.absent


def requires(feature):
    """Run the test only where the series has `feature`, else say why not."""
    return pytest.mark.skipif(not has(feature), reason=f'{XY}: {THIS.absent.get(feature)}')
