"""FLAVORS: which interpreter a build produces, as data.

A flavor names its CPython recipe, the third-party libraries linked in (recipe names), the
CPython modules left out, and the built-in modules the result must have (checked after
the build, so a module silently dropped by configure fails the build).
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Flavor:
    name: str
    interpreter: str          # recipe name of the CPython release
    summary: str
    libraries: tuple          # recipe names linked into the interpreter (plus data recipes)
    excluded_modules: tuple   # never built: Setup.local's *disabled* section
    required_modules: tuple   # must be in sys.builtin_module_names
    extra_modules: tuple = () # third-party C extensions compiled in (modules/)
    program: str = ''         # output file name; default '<name>-static'

    @property
    def output(self):
        return self.program or f'{self.name}-static'


# CPython's test and example modules, and modules needing libraries no flavor ships.
_NOT_BUILT_313 = (
    '_testcapi', '_testinternalcapi', '_testlimitedcapi', '_testbuffer', '_testclinic',
    '_testclinic_limited', '_testimportmultiple', '_testmultiphase', '_testsinglephase',
    '_testexternalinspection', '_ctypes_test', '_xxtestfuzz', 'xxlimited', 'xxlimited_35',
    'xxsubtype', '_tkinter', '_dbm', '_gdbm', '_scproxy',
)

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

FLAVORS = {f.name: f for f in (
    Flavor(
        name='python3.13',
        interpreter='cpython3.13',
        summary='CPython 3.13 with every standard C extension built in',
        libraries=('zlib', 'bzip2', 'xz', 'sqlite3', 'ncurses', 'readline', 'openssl',
                   'libffi', 'libuuid', 'certifi'),
        excluded_modules=_NOT_BUILT_313,
        required_modules=_REQUIRED_313,
    ),
)}

DEFAULT_FLAVOR = 'python3.13'
