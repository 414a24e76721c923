"""CPython 3.2, as data: the build is staticpython.cpython's, the patches are
patches/cpython3.2/<VERSION>/.

CPython never published 3.2.6 in a form reachable here: the source is `git archive` of
its tag (Source.git), or that export xz-compressed, found in a local source directory
($STATICPYTHON_SOURCES). Like 2.7: setup.py is not run, so Setup.local lists every module
(SETUP_STATIC) and makesetup has no *disabled* section; no profile-guided build (the
training script needs a newer Python); the program is Modules/python.c, linked with LDLAST;
the export table comes from Include/*.h; the standard library's .pyc sit beside their .py
in the ZIP, written by stdlib_zip_pre33.py run by the new interpreter (3.2 has no -I: -E -s).
_ssl and _hashlib link OpenSSL 3 where the flavor has it (stacklessxl3.2): patches 0021
and 0022 port 3.2's _ssl.c and _hashopenssl.c to the structures OpenSSL 1.1 made opaque,
0023 and 0024 give ssl the CA fallback of the other versions. A flavor without OpenSSL
(python3.2, as the original StaticPython's python3.2 had no ssl) excludes both, which
Setup.local then does not list; its hashlib uses the built-in _md5, _sha1, _sha256 and
_sha512. Cross-built as 2.7.
"""
from staticpython import cpython
from staticpython.cpython import build   # noqa: F401 (the recipe's build function)
from staticpython.sources import Source

NAME = 'cpython3.2'
VERSION = '3.2.6'
LICENSE = 'PSF-2.0'
SUMMARY = 'the CPython interpreter and its standard library'
KIND = 'interpreter'
DEPENDS = ()            # the flavor names the libraries
SOURCES = (
    # CPython's tag v3.2.6 (the same commit in stackless-dev/stackless, which carries it).
    Source('Python-3.2.6.tar', 57630720,
           'd61c74e1994dde7404db2caab049ebeb0e73e5364238708b1d6fc1454c1aa21b',
           git=('https://github.com/python/cpython.git', 'v3.2.6',
                '439d88542ef77d5c867b8298e4c2c6be4a412a5e')),
    # The same tar compressed with xz -9 (a local source directory's copy).
    Source('Python-3.2.6.tar.xz', 8857808,
           'f0dd4b4ebd0e33d2b46147dbec5771d0bdc10319f0fc2b90d29f4e3ce48006f2'),
)
LIBDIR = 'lib/python3.2'
LIBPYTHON = 'libpython3.2mu.a'         # ABI flags: pymalloc (m), UCS-4 (u)
PRODUCTS = ('bin/python', f'{LIBDIR}/os.py', f'{LIBDIR}/_sysconfigdata.py',
            f'{LIBDIR}/staticpython.py', f'{LIBDIR}/_staticpython_build.py')

# Cross-built as 2.7 (see there), but 3.2's configure has no build Python at all: its
# Makefile runs ./python after $(RUNSHARED), here the target's runner (qemu), to write
# pybuilddir.txt. Its grammar tables come with the source (pgen, a program for the target,
# is not run: --old-file), and setup.py's shared modules (sharedmods, of no use to a static
# interpreter; its rule puts variables after $(RUNSHARED)) are not built.
CROSS_BUILD = True
CROSS_CONFIGURE = ()
CROSS_MAKE = ('RUNSHARED={runner}', '--old-file=Parser/pgen.stamp', '--old-file=sharedmods')
EXTENSION_INCLUDE_DIRS = cpython.EXTENSION_INCLUDE_DIRS   # modules/ compiles against these
CROSS_DOUBLE_ORDER = True
# ac_cv_broken_nice: configure's test of nice() fails when the build itself runs niced.
CONFIGURE = ('--prefix=/usr/local', '--disable-shared', '--with-wide-unicode',
             '--enable-ipv6', '--with-computed-gotos', 'ac_cv_broken_nice=no')
OPENSSL_OPTIONS = ()    # setup.py's job in 3.2: Setup.local names -lssl -lcrypto
TEST_MODULE_OPTIONS = {}
CROSS_ANSWERS = cpython.OLD_CROSS_ANSWERS
PGO = False             # the training (src/staticpython_train.py) needs Python 3.6 or later
OPT = 'OPT=-DNDEBUG -fwrapv -O3 -Wall -Wstrict-prototypes'   # configure's for GCC, without -g
# GCC 14 rejects implicit declarations, int-conversion and incompatible pointer types by
# default, which 3.2's code and configure's tests predate: warnings again.
CFLAGS = ('-fpermissive',)
# No '=' in a module line: makesetup takes such a line for a variable.
SETUP_VARIABLES = (
    'SQLITE_DEFS=-DMODULE_NAME=\'"sqlite3"\' -DSQLITE_OMIT_LOAD_EXTENSION=1',
    'CURSES_DEFS=-DHAVE_NCURSESW=1 -D_XOPEN_SOURCE_EXTENDED=1',
    'EXPAT_DEFS=-I$(srcdir)/Modules/expat -DHAVE_EXPAT_CONFIG_H -DUSE_PYEXPAT_CAPI',
)
# setup.py's modules (Modules/Setup.dist builds posix, errno, pwd, _sre, _codecs, _weakref,
# _functools, operator, _collections, itertools, _locale, _io, zipimport, _symtable).
SETUP_STATIC = (
    'array arraymodule.c',
    'cmath cmathmodule.c _math.c',
    'math mathmodule.c _math.c',
    'time timemodule.c _time.c',
    '_datetime _datetimemodule.c _time.c',
    '_random _randommodule.c',
    '_bisect _bisectmodule.c',
    '_heapq _heapqmodule.c',
    '_pickle _pickle.c',
    'atexit atexitmodule.c',
    '_json _json.c',
    '_lsprof _lsprof.c rotatingtree.c',
    'unicodedata unicodedata.c',
    'fcntl fcntlmodule.c',
    'grp grpmodule.c',
    'spwd spwdmodule.c',
    'select selectmodule.c',
    'parser parsermodule.c',
    'mmap mmapmodule.c',
    'syslog syslogmodule.c',
    'audioop audioop.c',
    'readline readline.c -lreadline -lncursesw',
    'crypt cryptmodule.c',
    '_csv _csv.c',
    '_posixsubprocess _posixsubprocess.c',
    '_socket socketmodule.c',
    '_struct _struct.c',
    '_md5 md5module.c',
    '_sha1 sha1module.c',
    '_sha256 sha256module.c',
    '_sha512 sha512module.c',
    '_ssl _ssl.c -DUSE_SSL -lssl -lcrypto',
    '_hashlib _hashopenssl.c -lssl -lcrypto',
    '_sqlite3 _sqlite/cache.c _sqlite/connection.c _sqlite/cursor.c _sqlite/microprotocols.c _sqlite/module.c _sqlite/prepare_protocol.c _sqlite/row.c _sqlite/statement.c _sqlite/util.c -I$(srcdir)/Modules/_sqlite $(SQLITE_DEFS) -lsqlite3',
    'termios termios.c',
    'resource resource.c',
    '_curses _cursesmodule.c $(CURSES_DEFS) -lncursesw',
    '_curses_panel _curses_panel.c $(CURSES_DEFS) -lpanelw -lncursesw',
    'zlib zlibmodule.c -lz',
    'binascii binascii.c -DUSE_ZLIB_CRC32 -lz',
    'bz2 bz2module.c -lbz2',
    'pyexpat expat/xmlparse.c expat/xmlrole.c expat/xmltok.c pyexpat.c $(EXPAT_DEFS) -DXML_POOR_ENTROPY',
    '_elementtree _elementtree.c $(EXPAT_DEFS)',
    '_multibytecodec cjkcodecs/multibytecodec.c',
    '_codecs_cn cjkcodecs/_codecs_cn.c',
    '_codecs_hk cjkcodecs/_codecs_hk.c',
    '_codecs_iso2022 cjkcodecs/_codecs_iso2022.c',
    '_codecs_jp cjkcodecs/_codecs_jp.c',
    '_codecs_kr cjkcodecs/_codecs_kr.c',
    '_codecs_tw cjkcodecs/_codecs_tw.c',
    '_multiprocessing _multiprocessing/multiprocessing.c _multiprocessing/socket_connection.c _multiprocessing/semaphore.c -I$(srcdir)/Modules/_multiprocessing',
    '_ctypes _ctypes/_ctypes.c _ctypes/callbacks.c _ctypes/callproc.c _ctypes/stgdict.c _ctypes/cfield.c -lffi',
    'ossaudiodev ossaudiodev.c',
)
SETUP_DISABLED = False  # 3.2's makesetup knows *static*, *shared*, *noconfig* only
INCLUDE_DIRS = ('include/ncursesw',)
CONFIGURE_ENV = {}
BUILD_TOOLS = ()
PERF_TRAMPOLINE_CPUS = ()

SHARED_ONLY_TEST_MODULES = ('_testcapi _testcapimodule.c', '_ctypes_test _ctypes/_ctypes_test.c')
# The test module's object, whose functions the ctypes tests load from the executable:
# makesetup names a module's objects Modules/<file>.o, without the source's directory.
TEST_SUITE_EXPORTS = ('Modules/_ctypes_test.o',)
# The tests of library packages, which the regression tests import (ctypes.test, ...):
# left out of the ZIP, the test-suite variant installs them under lib/pythonX.Y/ as
# test/ is, and its zipimport adds them to their package's __path__ (patch 0015); with
# them the grammars that lib2to3's tests read from their parent directory. Not the Tk
# and IDLE ones (no _tkinter).
PACKAGE_TESTS = ('ctypes/test', 'distutils/tests', 'email/test', 'importlib/test',
                 'lib2to3/tests', 'lib2to3/Grammar.txt', 'lib2to3/PatternGrammar.txt',
                 'sqlite3/test', 'unittest/test')
TEST_SUITE_FILES = ()   # files of ours in the variant's library directory: none
# The reference build (reference.py), ./configure && make with the build machine's gcc,
# needs pymalloc's 16-byte alignment too: its first start crashed in the same movaps.
REFERENCE_PATCHES = ('0010-obmalloc-16-byte-alignment-on-64-bit.patch',)
REFERENCE_CONFIGURE = ()
# What `make install` writes that the library needs, run by the interpreter just built in
# the source tree: lib2to3's grammar pickles, which it reads from the ZIP (patch 0016).
LIBRARY_BUILD_STEPS = cpython.LIB2TO3_GRAMMARS

# Left out of the ZIP: tests, the Tk GUI and its demos, and the plat-* directories
# (constants modules that 3.2 puts on sys.path from disk only).
STDLIB_SKIP_DIRS = ('test', 'tests', 'idle_test', 'idlelib', 'tkinter', 'turtledemo',
                    'plat-*', '__pycache__', 'site-packages')
STDLIB_SKIP_FILES = ('turtle.py',)
STDLIB_SKIP_SUFFIXES = ('.pyc', '.pyo', '.exe', '.dll', '.orig', '.rej')

# CPython's main() after our checks of the executable's file (staticpython_self.h, as
# every version's), with our dlopen()/dlsym().
PROGRAM = ('src/staticpython_main32.c', 'src/staticpython_dlfcn.c', 'src/staticpython_self.h')
PROGRAM_DIR = 'Modules'
LINK_VARIABLE = 'LDLAST'  # the link's last variable, empty on Linux: LDFLAGS stays configure's
EXPORT_HEADER_DIRS = ('Include',)
STABLE_ABI = None
# The CA fallback of ssl (patch 0024) and python -m staticpython (valid 2.7 and 3.x code).
OUR_FILES = cpython.OUR_FILES
HELPERS = cpython.HELPERS
BUILD_FILES = (cpython.STRING_FUNCTIONS,)
ZIP_WRITER = 'site_scons/staticpython/stdlib_zip_pre33.py'
ISOLATED = ('-E', '-s')
