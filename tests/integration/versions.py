"""What differs between the CPython series the flavors build, as data (SERIES, keyed by
'3.13'), and the names of the interpreter under test, derived from its flavor
(STATICPYTHON_FLAVOR, as the `flavor` fixture): module-level test parameters need them
when the tests are collected."""
import os
from dataclasses import dataclass, field

import pytest

from staticpython.flavors import find
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
    # test_python_options: case -> (sys.flags changes, other facts) where the series differs
    options: dict = field(default_factory=dict)
    docs_heading: str = 'MODULE REFERENCE'      # pydoc's heading of the docs link
    # how the last line of the traceback of json.loads('{') starts
    json_error: str = 'json.decoder.JSONDecodeError: Expecting property name'
    # what pydoc shows of len(): its signature and the first line of its docstring
    len_help: tuple = ('len(obj, /)', 'Return the number of items in a container.')


PYTHON2_OPTIONS = ('-3, -Q and -t were Python 2 options (3.x has nothing to warn of, divides '
                   'truly and refuses inconsistent tabs)')

# What neither 2.7 nor 3.2 has, with the same reason: features of later versions.
_CAME_AFTER_3_2 = {
    'isolated': '-I came in 3.4',
    'pth': '._pth files came in 3.6 (Windows) and getpath.py in 3.11',
    'asyncio': 'asyncio came in 3.4',
    'dev_mode': 'the development mode (-X dev, PYTHONDEVMODE) came in 3.7',
    'utf8_mode': 'the UTF-8 mode (-X utf8, PYTHONUTF8, PEP 540) came in 3.7',
    'warn_default_encoding': 'EncodingWarning (-X warn_default_encoding, '
                             'PYTHONWARNDEFAULTENCODING, PEP 597) came in 3.10',
    'safe_path': '-P and PYTHONSAFEPATH came in 3.11',
    'int_max_str_digits': 'the int/str conversion limit (-X int_max_str_digits, '
                          'PYTHONINTMAXSTRDIGITS) came in 3.11 and 3.7-3.10 updates',
    'faulthandler': 'faulthandler (-X faulthandler, PYTHONFAULTHANDLER) came in 3.3',
    'tracemalloc': 'tracemalloc (-X tracemalloc, PYTHONTRACEMALLOC) came in 3.4',
    'debug_ranges': 'error locations (co_positions, -X no_debug_ranges, '
                    'PYTHONNODEBUGRANGES; PEP 657) came in 3.11',
    'pycache_prefix': 'sys.pycache_prefix (-X pycache_prefix, PYTHONPYCACHEPREFIX) '
                      'came in 3.8',
    'hash_based_pycs': '--check-hash-based-pycs (PEP 552) came in 3.7',
    'perf': 'the perf trampoline (-X perf, sys.activate_stack_trampoline) came in 3.12',
    'cpu_count': '-X cpu_count and PYTHON_CPU_COUNT came in 3.13',
    'importtime': '-X importtime and PYTHONPROFILEIMPORTTIME came in 3.7',
    'pyrepl': 'the new REPL (_pyrepl) came in 3.13: the REPL is the readline one',
    'keyword_completion_space': 'rlcompleter puts a space after a completed keyword '
                                'since 3.6',
    'module_spec': "modules' __spec__ (PEP 451) came in 3.4",
    'xmlrpc_css': 'DocXMLRPCServer serves pydoc.css since 3.11',
    'importlib_resources': 'importlib.resources came in 3.7 (files() in 3.9)',
    'files_of_caller': 'importlib.resources came in 3.7',
    'mimalloc': 'CPython compiles mimalloc in since 3.13',
}

# What 2.7's and 3.2's tests say in their own words (`spelled`): names that came later.
_SPELLED_BEFORE_3_3 = {
    'sys.implementation.name': '__import__("platform").python_implementation().lower()',
    'sys.base_prefix': 'sys.prefix',            # no venv: the base is the prefix
    'sys._base_executable': 'sys.executable',
    'sys.flags.isolated': 'None',               # no -I
    'os.cpu_count()': '__import__("multiprocessing").cpu_count()',
    'os.__spec__.origin': 'os.__file__',
    'locale.getencoding()': 'locale.getpreferredencoding(False)',
}

# How their options show in sys.flags, where it differs from today's (`options`).
_OPTIONS_BEFORE_3_3 = {
    '-b': ({'bytes_warning': 1}, {}),       # sys.warnoptions shows -b since 3.7
    '-bb': ({'bytes_warning': 2}, {}),
    # the flag says whether PYTHONHASHSEED or -R was given, even PYTHONHASHSEED=0 (which
    # turns the randomization off)
    'PYTHONHASHSEED=0': ({'hash_randomization': 1}, {}),
    '-R': ({'hash_randomization': 1}, {}),
}

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
        absent={'python2_options': PYTHON2_OPTIONS,
                'lib2to3': 'lib2to3 was removed in 3.13 (PEP 594)'},
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
            'python2_options': PYTHON2_OPTIONS,
        },
    ),
    '2.7': Series(
        magic=range(62171, 62212),          # 2.7a0 62171 .. 2.7 final 62211
        bundled={'pip': '19.2.3', 'setuptools': '41.2.0'},
        failing_on_linux={
            # no flavor ships Berkeley DB (_bsddb), msilib is Windows-only
            'bsddb': 'ImportError: No module named _bsddb',
            'dbhash': 'ImportError: No module named _bsddb',
            'msilib': 'ImportError: No module named _msi',
            # cookielib's private halves, which it imports at its end: imported first they
            # import cookielib, which imports them half-initialised (as in every 2.7)
            '_LWPCookieJar': 'ImportError: cannot import name LWPCookieJar',
            '_MozillaCookieJar': 'ImportError: cannot import name MozillaCookieJar',
        },
        frozen=frozenset(),                 # 2.7 freezes no module of its standard library
        json_docs='https://docs.python.org/library/json',
        abc_file='',
        stdlib_class=('json.decoder', 'JSONDecoder', 'class JSONDecoder(object):',
                      'json/decoder.py'),
        usage_exit_status=0,
        pdb_breakpoint_at_def=True,
        pyc_word=315532800,                 # the ZIP's fixed date in UTC (stdlib_zip_pre33.py)
        sysconfigdata='_sysconfigdata.py',
        json_tool_sorts=True,
        spelled={
            **_SPELLED_BEFORE_3_3,
            'urllib.request': 'urllib2',
            'urllib.error': 'urllib2',
            'http.server': 'BaseHTTPServer',
            'socketserver': 'SocketServer',
            # the unicode API's symbols of a UCS4 build (--enable-unicode=ucs4)
            'PyUnicode_FromString': 'PyUnicodeUCS4_FromString',
        },
        # 2.7's sys.flags fields; hash randomization is off unless -R or PYTHONHASHSEED.
        flags={'py3k_warning': 0, 'division_warning': 0, 'division_new': 0, 'tabcheck': 0,
               'unicode': 0, 'hash_randomization': 0},
        options=_OPTIONS_BEFORE_3_3,
        docs_heading='MODULE DOCS',
        json_error='ValueError: Expecting object',
        len_help=('len(...)\n    len(object) -> integer',     # no signatures of builtins
                  'Return the number of items of a sequence or collection.'),
        absent={
            **_CAME_AFTER_3_2,
            'frozen': '2.7 freezes no module of its standard library (no _imp)',
            'zipindex': "the ZIP's directory index is read by 3.13's zipimport (patch 0016)",
            'sysconfig_names': 'sys._stdlib_dir, sys.implementation._multiarch, EXT_SUFFIX '
                               'and SOABI came in 3.x',
            'pgo': 'python2.7 is not profile-guided: the training script is Python 3',
            'multiarch': "2.7's configure takes MULTIARCH from gcc --print-multiarch alone "
                         '(empty for a musl target): the platform triplet came in 3.6',
            # test_python_options
            'xoptions': '-X options (sys._xoptions) came in 3.2: 2.7 refuses -X',
            'quiet': '-q came in 3.2',
            'write_through': "sys.stdout is a C stdio file without io's write_through: "
                             'test_unbuffered shows what -u does',
            # test_python_terminal
            'default_completion': "site turns readline's Tab completion on since 3.4: 2.7 "
                                  'binds Tab to insert a tab, a PYTHONSTARTUP file turns it on',
            # test_python_sources
            'collections_abc': 'collections.abc came in 3.3: 2.7 has the ABCs in collections',
            'pydoc_css': "pydoc's HTTP server with a style sheet (pydoc -b, "
                         'pydoc_data/_pydoc.css) came in 3.2',
            # test_python_runtime
            'concurrent_futures': 'concurrent.futures and threading.Barrier came in 3.2',
            'mp_spawn': "multiprocessing's spawn start method (get_context) came in 3.4: "
                        '2.7 forks',
            'lzma': 'the lzma module came in 3.3: python2.7 links no liblzma',
            'cdecimal': "the C decimal module (_decimal, libmpdec) came in 3.3: 2.7's "
                        'decimal is pure Python',
            'pythonmalloc': 'PYTHONMALLOC came in 3.6, sys._debugmallocstats() in 3.3: 2.7 '
                            'always uses pymalloc',
            # test_python_zoneinfo_locale, test_python_venv, test_python_tls
            'version_on_stdout': "argparse's --version prints to stdout since 3.4: 2.7's "
                                 'to stderr',
            'zoneinfo': 'zoneinfo came in 3.9 (python2.7 ships no tzdata)',
            'venv': 'venv came in 3.3: test_ensurepip_installs_pip_which_installs_a_wheel '
                    'shows pip',
            'cert_verification_error': 'ssl.SSLCertVerificationError (verify_code) came in '
                                       '3.7: 2.7 raises SSLError',
        },
    ),
    '3.2': Series(
        magic=range(3150, 3190),            # 3.2a0 3150 .. 3.2 final 3180; 3.3 from 3190
        bundled={},                         # ensurepip came in 3.4
        # msilib is Windows-only: its C part _msi is never built elsewhere.
        failing_on_linux={'msilib': 'ImportError: No module named _msi'},
        # 3.2's sys.flags fields that later versions dropped; no hash randomization unless
        # -R or PYTHONHASHSEED.
        flags={'division_warning': 0, 'hash_randomization': 0},
        frozen=frozenset(),                 # 3.2 freezes no module of its standard library
        json_docs='http://docs.python.org/3.2/library/json',
        abc_file='',                        # collections.abc came in 3.3 (3.2: _abcoll)
        stdlib_class=('json.decoder', 'JSONDecoder', 'class JSONDecoder(object):',
                      'json/decoder.py'),
        usage_exit_status=0,
        pdb_breakpoint_at_def=True,
        pyc_word=315532800,                 # the ZIP's fixed date in UTC (stdlib_zip_pre33.py)
        sysconfigdata='_sysconfigdata.py',  # patch 0007, as 3.3 names it
        json_tool_sorts=True,
        spelled={
            **_SPELLED_BEFORE_3_3,
            # A verifying context as 3.2 makes one (no create_default_context(), which came
            # in 3.4), and urllib's request through it (urlopen() verifies nothing, PEP 476
            # came in 3.4.3 and 2.7.9, and takes no context, which came in 3.4.3).
            'urllib.request.urlopen(sys.argv[1], timeout=10)':
                'urllib.request.build_opener(urllib.request.HTTPSHandler('
                'context=ssl.create_default_context())).open(sys.argv[1], timeout=10)',
            'ssl.create_default_context()':
                '(lambda c: (setattr(c, "verify_mode", ssl.CERT_REQUIRED), '
                'c.set_default_verify_paths(), c)[2])(ssl.SSLContext(ssl.PROTOCOL_SSLv23))',
            # the unicode API's symbols of a wide build (--with-wide-unicode), before PEP 393
            'PyUnicode_FromString': 'PyUnicodeUCS4_FromString',
            'threading.get_ident()': '__import__("_thread").get_ident()',     # 3.3's
            # -u makes the binary layer unbuffered; the text layer's write_through came in
            # 3.3, so what -u changes shows through sys.stdout.buffer
            'sys.stdout.write("unbuffered")': 'sys.stdout.buffer.write(b"unbuffered")',
            # pydoc's server takes a host name since 3.4 (3.2's serves localhost)
            'pydoc._url_handler, hostname="127.0.0.1", port=0': 'pydoc._url_handler, port=0',
        },
        options=_OPTIONS_BEFORE_3_3,
        json_error='ValueError: Expecting object',
        len_help=('len(...)\n    len(object) -> integer',     # no signatures of builtins
                  'Return the number of items of a sequence or mapping.'),
        absent={
            **_CAME_AFTER_3_2,
            'frozen': '3.2 freezes no module of its standard library (no _imp)',
            'zipindex': "the ZIP's directory index is read by 3.11's and 3.13's zipimport "
                        '(patch 0016)',
            'sysconfig_names': 'sys._stdlib_dir, sys.implementation._multiarch, EXT_SUFFIX '
                               'and SOABI came in 3.3 and later',
            'pgo': 'python3.2 is not profile-guided: the training script needs 3.6',
            'multiarch': "3.2's configure has no MULTIARCH: the platform triplet came in 3.6",
            'python2_options': PYTHON2_OPTIONS,
            # test_python_options
            'write_through': "io.TextIOWrapper's write_through came in 3.3: "
                             'test_unbuffered shows what -u does',
            # test_python_terminal
            'default_completion': "site turns readline's Tab completion on since 3.4: 3.2 "
                                  'binds Tab to insert a tab, a PYTHONSTARTUP file turns it on',
            # test_python_sources
            'collections_abc': 'collections.abc came in 3.3: 3.2 has the ABCs in collections',
            # test_python_runtime
            'mp_spawn': "multiprocessing's spawn start method (get_context) came in 3.4: "
                        '3.2 forks',
            'lzma': 'the lzma module came in 3.3: python3.2 links no liblzma',
            'cdecimal': "the C decimal module (_decimal, libmpdec) came in 3.3: 3.2's "
                        'decimal is pure Python',
            'pythonmalloc': 'PYTHONMALLOC came in 3.6, sys._debugmallocstats() in 3.3: 3.2 '
                            'always uses pymalloc',
            # test_python_zoneinfo_locale, test_python_venv, test_python_tls
            'version_on_stdout': "argparse's --version prints to stdout since 3.4: 3.2's "
                                 'to stderr',
            'zoneinfo': 'zoneinfo came in 3.9 (python3.2 ships no tzdata)',
            'venv': 'venv came in 3.3',
            'ensurepip': 'ensurepip came in 3.4: python3.2 bundles no pip',
            'cert_verification_error': 'ssl.SSLCertVerificationError came in 3.7: 3.2 '
                                       'raises SSLError',
            'ssl_error_reason': "SSLError's reason and library (and the [SSL: REASON] in "
                                "its message) came in 3.3: 3.2's message is OpenSSL's "
                                'error string',
            'get_ca_certs': 'SSLContext.get_ca_certs() came in 3.4: test_python_tls shows '
                            'what set_default_verify_paths() loads through '
                            'load_verify_locations()',
        },
    ),
}

FLAVOR = find(os.environ.get('STATICPYTHON_FLAVOR', 'python3.13'))
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


# What the flavor leaves out that its series has: feature -> why; and the standard
# library modules that then cannot import.
FLAVOR_ABSENT = {} if 'openssl' in FLAVOR.libraries else {
    'ssl': f'{FLAVOR.name} links no OpenSSL (no _ssl, no _hashlib), as the original '
           'StaticPython\'s python3.2 had no ssl'}
ABSENT = {**THIS.absent, **FLAVOR_ABSENT}
FAILING_ON_LINUX = {**THIS.failing_on_linux, **(
    {'ssl': 'ImportError: No module named _ssl'} if 'ssl' in FLAVOR_ABSENT else {})}


def has(feature):
    """Whether the series and the flavor have `feature` (None: what every one has)."""
    return feature is None or feature not in ABSENT


def requires(feature):
    """Run the test only where the series and flavor have `feature`, else say why not."""
    return pytest.mark.skipif(not has(feature), reason=f'{XY}: {ABSENT.get(feature)}')
