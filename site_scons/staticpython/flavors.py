"""FLAVORS: which interpreter a build produces, as data.

A flavor names its CPython recipe, the third-party libraries linked in (recipe names), the
CPython modules left out, and the built-in modules the result must have (checked after
the build, so a module silently dropped by configure fails the build). Its test-suite
variant (`for_test_suite()`, built by `scons regrtest`) also has CPython's C test modules.
"""
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Flavor:
    name: str
    interpreter: str          # recipe name of the CPython release
    summary: str
    libraries: tuple          # recipe names linked into the interpreter (plus data recipes)
    excluded_modules: tuple   # never built: Setup.local's *disabled* section
    required_modules: tuple   # must be in sys.builtin_module_names
    test_modules: tuple = ()  # CPython's C test modules: left out, but in the test-suite variant
    extra_modules: tuple = () # third-party C extensions compiled in (modules/)
    program: str = ''         # output file name; default '<name>-static'
    test_suite: bool = False  # the variant for CPython's regression tests
    targets: tuple = ()       # the only targets it is built for (default: every target)...
    targets_reason: str = ''  # ...and why no other, one line

    @property
    def output(self):
        return self.program or f'{self.name}-static'

    @property
    def first_start_imports(self):
        """What the new single file imports at its first start, before it replaces the
        target: modules from the ZIP and built-in ones, ssl where OpenSSL is linked in."""
        return ('encodings', 'os', 'site', 'json', 'sqlite3') + (
            ('ssl',) if 'openssl' in self.libraries else ())

    def with_modules(self, names):
        """This flavor with more C extensions of modules/ compiled in (the `modules` option),
        named for them: python3.13+msgpack."""
        new = tuple(n for n in dict.fromkeys(names) if n not in self.extra_modules)
        if not new:
            return self
        return replace(self, name=self.name + ''.join(MODULES_SEPARATOR + n for n in new),
                       summary=f'{self.summary}, with {", ".join(new)}',
                       extra_modules=self.extra_modules + new)

    def for_test_suite(self):
        """This flavor with its C test modules built in, to run CPython's own test suite."""
        return replace(self, name=self.name + TEST_SUITE_SUFFIX, test_suite=True,
                       summary=f'{self.summary}, with C test modules (scons regrtest)',
                       excluded_modules=tuple(m for m in self.excluded_modules
                                              if m not in self.test_modules),
                       required_modules=self.required_modules + self.test_modules)


TEST_SUITE_SUFFIX = '-regrtest'
MODULES_SEPARATOR = '+'

# CPython's C test and example modules: only in the test-suite variant.
_TEST_MODULES_313 = (
    '_testcapi', '_testinternalcapi', '_testlimitedcapi', '_testbuffer', '_testclinic',
    '_testclinic_limited', '_testimportmultiple', '_testmultiphase', '_testsinglephase',
    '_testexternalinspection', '_ctypes_test', '_xxtestfuzz', 'xxlimited', 'xxlimited_35',
    'xxsubtype',
)
# Modules needing libraries no flavor ships (Tk, dbm, gdbm) or another OS (macOS).
_NOT_BUILT_313 = ('_tkinter', '_dbm', '_gdbm', '_scproxy')

_REQUIRED_313 = (
    '_asyncio', '_bisect', '_blake2', '_bz2', '_codecs_cn', '_codecs_hk', '_codecs_iso2022',
    '_codecs_jp', '_codecs_kr', '_codecs_tw', '_contextvars', '_csv', '_ctypes', '_curses',
    '_curses_panel', '_datetime', '_decimal', '_elementtree', '_hashlib', '_heapq', '_json',
    '_lsprof', '_lzma', '_md5', '_multibytecodec', '_multiprocessing', '_opcode', '_pickle',
    '_posixshmem', '_posixsubprocess', '_queue', '_random', '_sha1', '_sha2', '_sha3',
    '_socket', '_sqlite3', '_ssl', '_statistics', '_struct', '_zoneinfo', 'array', 'binascii',
    'cmath', 'fcntl', 'grp', 'math', 'mmap', 'pyexpat', 'readline', 'resource', 'select',
    'syslog', 'termios', 'unicodedata', 'zlib', '_uuid',
)

_TEST_MODULES_311 = (
    '_testcapi', '_testinternalcapi', '_testbuffer', '_testclinic', '_testimportmultiple',
    '_testmultiphase', '_ctypes_test', '_xxtestfuzz', 'xxlimited', 'xxlimited_35', 'xxsubtype',
)
# nis also needs libnsl (Sun RPC), which no flavor ships.
_NOT_BUILT_311 = _NOT_BUILT_313 + ('nis',)
# 3.13's, less the modules PEP 594 removed in 3.13 and the SHA-2 modules it merged.
_REQUIRED_311 = tuple(m for m in _REQUIRED_313 if m != '_sha2') + (
    '_sha256', '_sha512', '_crypt', 'spwd', 'audioop', 'ossaudiodev', '_typing',
    '_xxsubinterpreters',
)
# CPython 2.7: what its Setup.local builds in (recipes/cpython27.py), less what every build
# has (sys, __builtin__, ...) and xxsubtype, its example module (Modules/Setup builds it).
_REQUIRED_27 = (
    '_bisect', '_codecs_cn', '_codecs_hk', '_codecs_iso2022', '_codecs_jp', '_codecs_kr',
    '_codecs_tw', '_collections', '_csv', '_ctypes', '_curses', '_curses_panel',
    '_elementtree', '_functools', '_hashlib', '_heapq', '_hotshot', '_io', '_json', '_locale',
    '_lsprof', '_md5', '_multibytecodec', '_multiprocessing', '_random', '_sha', '_sha256',
    '_sha512', '_socket', '_sqlite3', '_ssl', '_struct', 'array', 'audioop', 'binascii',
    'bz2', 'cPickle', 'cStringIO', 'cmath', 'crypt', 'datetime', 'fcntl', 'future_builtins',
    'grp', 'itertools', 'linuxaudiodev', 'math', 'mmap', 'operator', 'ossaudiodev', 'parser',
    'pyexpat', 'readline', 'resource', 'select', 'spwd', 'strop', 'syslog', 'termios', 'time',
    'unicodedata', 'zlib',
    # from Modules/Setup
    '_codecs', '_sre', '_symtable', '_weakref', 'errno', 'posix', 'pwd', 'zipimport',
)
_TEST_MODULES_27 = ('_testcapi', '_ctypes_test')
# Needing libraries no flavor ships (Tk, Berkeley DB, dbm, gdbm, Sun RPC) or another OS; a
# module Setup.local does not list is not built, which the module check confirms.
_NOT_BUILT_27 = ('_tkinter', '_bsddb', 'bsddb185', 'dbm', 'gdbm', 'nis', 'sunaudiodev')
# 2.7 links no liblzma (no lzma module), no libuuid (uuid uses ctypes) and reads no tzdata;
# certifi is the CA bundle its ssl falls back on, as 3.x's.
_LIBRARIES_27 = ('zlib', 'bzip2', 'sqlite3', 'ncurses', 'readline', 'openssl', 'libffi',
                 'certifi')
# CPython 3.2: what its Setup.local builds in (recipes/cpython32.py) and Modules/Setup's
# modules, less what every build has (sys, builtins, ...) and xxsubtype, its example module.
_REQUIRED_32 = (
    '_bisect', '_codecs_cn', '_codecs_hk', '_codecs_iso2022', '_codecs_jp', '_codecs_kr',
    '_codecs_tw', '_csv', '_ctypes', '_curses', '_curses_panel', '_datetime', '_elementtree',
    '_heapq', '_json', '_lsprof', '_md5', '_multibytecodec', '_multiprocessing', '_pickle',
    '_posixsubprocess', '_random', '_sha1', '_sha256', '_sha512', '_socket', '_sqlite3',
    '_struct', 'array', 'atexit', 'audioop', 'binascii', 'bz2', 'cmath', 'crypt', 'fcntl',
    'grp', 'math', 'mmap', 'ossaudiodev', 'parser', 'pyexpat', 'readline', 'resource',
    'select', 'spwd', 'syslog', 'termios', 'time', 'unicodedata', 'zlib',
    # from Modules/Setup
    '_codecs', '_collections', '_functools', '_io', '_locale', '_sre', '_symtable',
    '_weakref', 'errno', 'itertools', 'operator', 'posix', 'pwd', 'zipimport',
)
_TEST_MODULES_32 = ('_testcapi', '_ctypes_test')
# Needing libraries no flavor ships (Tk, dbm, gdbm, Sun RPC) or another OS.
_NOT_BUILT_32_ANY = ('_tkinter', '_dbm', '_gdbm', 'nis', '_gestalt', '_scproxy')
# _ssl and _hashlib need OpenSSL: python3.2 and stackless3.2 leave it out, as the original
# StaticPython's python3.2 did, stacklessxl3.2 links it.
_SSL_32 = ('_ssl', '_hashlib')
_NOT_BUILT_32 = _NOT_BUILT_32_ANY + _SSL_32
# 3.2 links no liblzma (lzma came in 3.3), no libuuid, no tzdata; OpenSSL and the CA
# bundle its ssl falls back on (certifi) in the flavors with ssl.
_LIBRARIES_32 = ('zlib', 'bzip2', 'sqlite3', 'ncurses', 'readline', 'libffi')
_LIBRARIES_32_SSL = ('zlib', 'bzip2', 'sqlite3', 'ncurses', 'readline', 'openssl', 'libffi',
                     'certifi')
# Stackless: CPython's modules and its own, _stackless (Stackless/module/, compiled into
# libpython: 3.2's Modules/config.c.in lists it, 2.7's start-up creates it).
_REQUIRED_STACKLESS = ('_stackless',)
# Stackless switches C stacks in assembly per CPU (Stackless/platf/slp_platformselect.h),
# the same in 2.7.17 and 3.2.6: of our targets, only x86-64's and i386's code is for them.
_STACKLESS_TARGETS = ('linux-x86_64', 'linux-i386')
_STACKLESS_WHY = ("Stackless switches C stacks in assembly for these CPUs only: its "
                  "stackless.h compiles Stackless out on ARM, AArch64 and RISC-V, its s390 "
                  "switch moves the 64-bit stack pointer with 31-bit lr/ar, and its PowerPC "
                  "one is 32-bit code that saves none of ppc64le's nonvolatile f14-f31 and "
                  "v20-v31")
_LIBRARIES = ('zlib', 'bzip2', 'xz', 'sqlite3', 'ncurses', 'readline', 'openssl', 'libffi',
              'libuuid', 'certifi', 'tzdata')

# The C extensions of modules/ every flavor has built in (the original's: greenlet).
_MODULES = ('greenlet',)

FLAVORS = {f.name: f for f in (
    Flavor(
        name='python3.13',
        interpreter='cpython3.13',
        summary='CPython 3.13 with every standard C extension built in',
        libraries=_LIBRARIES,
        excluded_modules=_NOT_BUILT_313 + _TEST_MODULES_313,
        required_modules=_REQUIRED_313,
        test_modules=_TEST_MODULES_313,
        extra_modules=_MODULES,
    ),
    Flavor(
        name='python3.11',
        interpreter='cpython3.11',
        summary='CPython 3.11 with every standard C extension built in',
        libraries=_LIBRARIES,
        excluded_modules=_NOT_BUILT_311 + _TEST_MODULES_311,
        required_modules=_REQUIRED_311,
        test_modules=_TEST_MODULES_311,
        extra_modules=_MODULES,
    ),
    Flavor(
        name='python3.2',
        interpreter='cpython3.2',
        summary='CPython 3.2 (end of life) with the original StaticPython modules built in, '
                'no ssl',
        libraries=_LIBRARIES_32,
        excluded_modules=_NOT_BUILT_32 + _TEST_MODULES_32,
        required_modules=_REQUIRED_32,
        test_modules=_TEST_MODULES_32,
        extra_modules=_MODULES,
    ),
    Flavor(
        name='python2.7',
        interpreter='cpython2.7',
        summary='CPython 2.7 (end of life) with the original StaticPython modules built in',
        libraries=_LIBRARIES_27,
        excluded_modules=_NOT_BUILT_27 + _TEST_MODULES_27,
        required_modules=_REQUIRED_27,
        test_modules=_TEST_MODULES_27,
        extra_modules=_MODULES,
    ),
    Flavor(
        name='stackless2.7',
        interpreter='stackless2.7',
        summary='Stackless Python 2.7 (tasklets, channels) with python2.7\'s modules',
        libraries=_LIBRARIES_27,
        excluded_modules=_NOT_BUILT_27 + _TEST_MODULES_27,
        required_modules=_REQUIRED_27 + _REQUIRED_STACKLESS,
        test_modules=_TEST_MODULES_27,
        targets=_STACKLESS_TARGETS,
        targets_reason=_STACKLESS_WHY,
        extra_modules=_MODULES,
    ),
    Flavor(
        name='stackless3.2',
        interpreter='stackless3.2',
        summary='Stackless Python 3.2 (tasklets, channels) with python3.2\'s modules, no ssl',
        libraries=_LIBRARIES_32,
        excluded_modules=_NOT_BUILT_32 + _TEST_MODULES_32,
        required_modules=_REQUIRED_32 + _REQUIRED_STACKLESS,
        test_modules=_TEST_MODULES_32,
        targets=_STACKLESS_TARGETS,
        targets_reason=_STACKLESS_WHY,
        extra_modules=_MODULES,
    ),
)}

# The original StaticPython's stacklessco2.7: Stackless 2.7 with coroutine I/O (gevent) and
# crypto (pycryptodome, pycrypto's successor), besides python2.7's ssl.
FLAVORS['stacklessco2.7'] = replace(
    FLAVORS['stackless2.7'], name='stacklessco2.7',
    summary=f"{FLAVORS['stackless2.7'].summary}, gevent and pycryptodome",
    extra_modules=_MODULES + ('gevent', 'pycryptodome'))

# The original StaticPython's stacklessxl3.2: stackless3.2 with ssl and _hashlib (OpenSSL).
FLAVORS['stacklessxl3.2'] = replace(
    FLAVORS['stackless3.2'], name='stacklessxl3.2',
    summary="Stackless Python 3.2 (tasklets, channels) with python3.2's modules and ssl "
            "(OpenSSL)",
    libraries=_LIBRARIES_32_SSL, excluded_modules=_NOT_BUILT_32_ANY + _TEST_MODULES_32,
    required_modules=_REQUIRED_32 + _SSL_32 + _REQUIRED_STACKLESS)

# The original's coroutine flavors for today's Pythons: stacklessco2.7's set (gevent's
# coroutine I/O, pycryptodome) and msgpack, as its largest flavor had.
_CO_MODULES = ('gevent', 'pycryptodome', 'msgpack')
for _base in ('python3.13', 'python3.11'):
    _co = replace(FLAVORS[_base], name=_base.replace('python', 'pythonco'),
                  summary=f'{FLAVORS[_base].summary}, plus gevent, pycryptodome and msgpack',
                  extra_modules=_MODULES + _CO_MODULES)
    FLAVORS[_co.name] = _co

DEFAULT_FLAVOR = 'python3.13'


def find(name):
    """The flavor called `name`, test-suite variants and added modules (python3.13+msgpack)
    included, or None."""
    base = name.removesuffix(TEST_SUITE_SUFFIX)
    first, *modules = base.split(MODULES_SEPARATOR)
    if first not in FLAVORS:
        return None
    flavor = FLAVORS[first].with_modules(modules)
    return flavor if base == name else flavor.for_test_suite()
