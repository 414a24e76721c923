"""CPython 2.7, as data: the build is staticpython.cpython's, the patches are
patches/cpython2.7/<VERSION>/.

Where it differs from 3.x: no setup.py run and no Setup.stdlib, so Setup.local lists every
module (SETUP_STATIC) and makesetup has no *disabled* section (a module not listed is not
built); no profile-guided build (the training script is Python 3); CPython's main() is
Modules/python.c and its link takes no LDFLAGS of ours beside configure's (LDLAST instead);
the export table comes from Include/*.h alone (no stable ABI list); the standard library's
.pyc are written by stdlib_zip_pre33.py, run by the new interpreter (2.7 has no -I: -E -s).
A cross build runs the new interpreter under the target's runner (CROSS_MAKE).
"""
from staticpython import cpython
from staticpython.cpython import build   # noqa: F401 (the recipe's build function)
from staticpython.sources import Source

NAME = 'cpython2.7'
VERSION = '2.7.18'
LICENSE = 'PSF-2.0'
SUMMARY = 'the CPython interpreter and its standard library'
KIND = 'interpreter'
DEPENDS = ()            # the flavor names the libraries
SOURCES = (
    Source('Python-2.7.18.tgz', 17539408,
           'da3080e3b488f648a3d7a4560ddee895284c3380b11d6de75edb986526b9a814',
           urls=('https://www.python.org/ftp/python/2.7.18/Python-2.7.18.tgz',),
           pool='pool/main/p/python2.7/python2.7_2.7.18.orig.tar.gz'),
)
LIBDIR = 'lib/python2.7'
LIBPYTHON = 'libpython2.7.a'
PRODUCTS = ('bin/python', f'{LIBDIR}/os.py', f'{LIBDIR}/_sysconfigdata.py',
            f'{LIBDIR}/_staticpython_certs.py', f'{LIBDIR}/_staticpython_cacert.pem',
            f'{LIBDIR}/_staticpython_build.py')

# Cross-built where this machine does not run the target's programs: configure gets its
# answers (CROSS_ANSWERS, the order of doubles by the target's) from CONFIG_SITE, and the
# Python the Makefile runs (PYTHON_FOR_BUILD: writing pybuilddir.txt and _sysconfigdata.py,
# and setup.py in the test-suite variant) is the new interpreter under the target's runner
# (qemu), given to make, not configure, so that no path of this machine is recorded. Its
# library's bytecode is compiled by our python2.7 of the build machine, as for 3.x.
CROSS_BUILD = True
CROSS_CONFIGURE = ('PYTHON_FOR_BUILD=./$(BUILDPYTHON) -E',)
CROSS_MAKE = ('PYTHON_FOR_BUILD={runner} ./$(BUILDPYTHON) -E',)
EXTENSION_INCLUDE_DIRS = cpython.EXTENSION_INCLUDE_DIRS   # modules/ compiles against these
CROSS_DOUBLE_ORDER = True
# ac_cv_broken_nice: configure's test of nice() fails when the build itself runs niced.
CONFIGURE = ('--prefix=/usr/local', '--disable-shared', '--without-ensurepip',
             '--enable-unicode=ucs4', '--enable-ipv6', '--with-computed-gotos',
             'ac_cv_broken_nice=no')
OPENSSL_OPTIONS = ()    # setup.py's job in 2.7: Setup.local names -lssl -lcrypto
TEST_MODULE_OPTIONS = {}
CROSS_ANSWERS = cpython.OLD_CROSS_ANSWERS
PGO = False             # the training (src/staticpython_train.py) is Python 3
OPT = 'OPT=-DNDEBUG -fwrapv -O3 -Wall -Wstrict-prototypes'   # configure's for GCC, without -g
# GCC 14 rejects implicit declarations, int-conversion and incompatible pointer types by
# default, which 2.7's code and configure's tests predate: warnings again.
CFLAGS = ('-fpermissive',)
# Every module, built in. No '=' in a module line: makesetup takes such a line for a variable.
SETUP_VARIABLES = (
    'SQLITE_DEFS=-DMODULE_NAME=\'"sqlite3"\' -DSQLITE_OMIT_LOAD_EXTENSION=1',
    'CURSES_DEFS=-DHAVE_NCURSESW=1 -D_XOPEN_SOURCE_EXTENDED=1',
)
SETUP_STATIC = (
    'array arraymodule.c',
    'cmath cmathmodule.c',
    'math mathmodule.c _math.c',
    'strop stropmodule.c',
    'time timemodule.c',
    'datetime datetimemodule.c',
    'itertools itertoolsmodule.c',
    'future_builtins future_builtins.c',
    '_random _randommodule.c',
    '_struct _struct.c',
    '_collections _collectionsmodule.c',
    '_bisect _bisectmodule.c',
    '_heapq _heapqmodule.c',
    'operator operator.c',
    '_io -I$(srcdir)/Modules/_io _io/bufferedio.c _io/bytesio.c _io/fileio.c _io/iobase.c _io/_iomodule.c _io/stringio.c _io/textio.c',
    '_functools _functoolsmodule.c',
    '_json _json.c',
    '_hotshot _hotshot.c',
    '_lsprof _lsprof.c rotatingtree.c',
    'unicodedata unicodedata.c',
    '_locale _localemodule.c',
    'fcntl fcntlmodule.c',
    'grp grpmodule.c',
    'spwd spwdmodule.c',
    'select selectmodule.c',
    'parser parsermodule.c',
    'cStringIO cStringIO.c',
    'cPickle cPickle.c',
    'mmap mmapmodule.c',
    'syslog syslogmodule.c',
    'audioop audioop.c',
    'readline readline.c -lreadline -lncursesw',
    'crypt cryptmodule.c',
    '_csv _csv.c',
    '_socket socketmodule.c',
    '_ssl _ssl.c -DUSE_SSL -lssl -lcrypto',
    '_hashlib _hashopenssl.c -lssl -lcrypto',
    '_md5 md5module.c md5.c',
    '_sha shamodule.c',
    '_sha256 sha256module.c',
    '_sha512 sha512module.c',
    '_sqlite3 _sqlite/cache.c _sqlite/connection.c _sqlite/cursor.c _sqlite/microprotocols.c _sqlite/module.c _sqlite/prepare_protocol.c _sqlite/row.c _sqlite/statement.c _sqlite/util.c -I$(srcdir)/Modules/_sqlite $(SQLITE_DEFS) -lsqlite3',
    'termios termios.c',
    'resource resource.c',
    '_curses _cursesmodule.c $(CURSES_DEFS) -lncursesw',
    '_curses_panel _curses_panel.c $(CURSES_DEFS) -lpanelw -lncursesw',
    'zlib zlibmodule.c -lz',
    'binascii binascii.c -DUSE_ZLIB_CRC32 -lz',
    'bz2 bz2module.c -lbz2',
    'pyexpat expat/xmlparse.c expat/xmlrole.c expat/xmltok.c pyexpat.c -I$(srcdir)/Modules/expat -DHAVE_EXPAT_CONFIG_H -DXML_POOR_ENTROPY -DUSE_PYEXPAT_CAPI',
    '_elementtree _elementtree.c -I$(srcdir)/Modules/expat -DHAVE_EXPAT_CONFIG_H -DUSE_PYEXPAT_CAPI',
    '_multibytecodec cjkcodecs/multibytecodec.c',
    '_codecs_cn cjkcodecs/_codecs_cn.c',
    '_codecs_hk cjkcodecs/_codecs_hk.c',
    '_codecs_iso2022 cjkcodecs/_codecs_iso2022.c',
    '_codecs_jp cjkcodecs/_codecs_jp.c',
    '_codecs_kr cjkcodecs/_codecs_kr.c',
    '_codecs_tw cjkcodecs/_codecs_tw.c',
    '_multiprocessing _multiprocessing/multiprocessing.c _multiprocessing/socket_connection.c _multiprocessing/semaphore.c -I$(srcdir)/Modules/_multiprocessing',
    '_ctypes _ctypes/_ctypes.c _ctypes/callbacks.c _ctypes/callproc.c _ctypes/stgdict.c _ctypes/cfield.c -lffi',
    'linuxaudiodev linuxaudiodev.c',
    'ossaudiodev ossaudiodev.c',
)
SETUP_DISABLED = False  # 2.7's makesetup knows *static*, *shared*, *noconfig* only
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
# test/ is, and its zipimport adds them to their package's __path__ (patch 0024); with
# them the grammars that lib2to3's tests read from their parent directory. Not the Tk
# and IDLE ones (no _tkinter), nor bsddb's (no _bsddb).
PACKAGE_TESTS = ('ctypes/test', 'distutils/tests', 'email/test', 'json/tests',
                 'lib2to3/tests', 'lib2to3/Grammar.txt', 'lib2to3/PatternGrammar.txt',
                 'sqlite3/test', 'unittest/test')
TEST_SUITE_FILES = ()   # files of ours in the variant's library directory: none
# The reference build (reference.py): the default one (2.7.18 aligns pymalloc's blocks
# to 16 bytes itself, bpo-27987).
REFERENCE_PATCHES = ()
REFERENCE_CONFIGURE = ()
# What `make install` writes that the library needs, run by the interpreter just built in
# the source tree: lib2to3's grammar pickles, which it reads from the ZIP.
LIBRARY_BUILD_STEPS = cpython.LIB2TO3_GRAMMARS

# Left out of the ZIP: tests, the Tk GUI (lib-tk, idlelib) and the other platforms' and
# Linux's plat-* directories (constants modules that 2.7 puts on sys.path from disk only).
STDLIB_SKIP_DIRS = ('test', 'tests', 'idle_test', 'idlelib', 'lib-tk', 'plat-*', 'site-packages')
STDLIB_SKIP_FILES = ()
STDLIB_SKIP_SUFFIXES = ('.pyc', '.pyo', '.exe', '.dll', '.orig', '.rej')

# CPython's main() after our checks of the executable's file (staticpython_self.h, as
# 3.x's), with our dlopen()/dlsym().
PROGRAM = ('src/staticpython_main27.c', 'src/staticpython_dlfcn.c', 'src/staticpython_self.h')
PROGRAM_DIR = 'Modules'
LINK_VARIABLE = 'LDLAST'  # the link's last variable, empty on Linux: LDFLAGS stays configure's
EXPORT_HEADER_DIRS = ('Include',)
STABLE_ABI = None
OUR_FILES = cpython.OUR_FILES   # valid 2.7 code: the CA fallback (0008), -m staticpython
HELPERS = cpython.HELPERS
BUILD_FILES = (cpython.STRING_FUNCTIONS,)
ZIP_WRITER = 'site_scons/staticpython/stdlib_zip_pre33.py'
ISOLATED = ('-E', '-s')
