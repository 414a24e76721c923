"""CPython 3.11, as data: the build is staticpython.cpython's, the patches are
patches/cpython3.11/<VERSION>/.

Where it differs from 3.13: setup.py, not Setup.stdlib, builds readline, the curses
modules and _ctypes, so Setup.local names them (SETUP_STATIC); configure finds the
curses headers only on its include path (INCLUDE_DIRS); the code assumes signed overflow
wraps (-fwrapv, in its OPT). It has no mimalloc and no perf trampoline.
"""
from staticpython import cpython, exports
from staticpython.cpython import build   # noqa: F401 (the recipe's build function)
from staticpython.sources import Source

NAME = 'cpython3.11'
VERSION = '3.11.2'
LICENSE = 'PSF-2.0'
SUMMARY = 'the CPython interpreter and its standard library'
KIND = 'interpreter'
DEPENDS = ()            # the flavor names the libraries
SOURCES = (
    Source('Python-3.11.2.tgz', 26437858,
           '2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849',
           urls=('https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz',),
           pool='pool/main/p/python3.11/python3.11_3.11.2.orig.tar.gz'),
)
LIBDIR = 'lib/python3.11'
LIBPYTHON = 'libpython3.11.a'
PRODUCTS = cpython.products(LIBDIR)

CROSS_BUILD = True      # with our interpreter of the same flavor as the build Python
CONFIGURE = cpython.CONFIGURE
OPENSSL_OPTIONS = cpython.OPENSSL_OPTIONS
TEST_MODULE_OPTIONS = cpython.TEST_MODULE_OPTIONS
PGO = True              # profile-guided and link-time optimised (cpython.profile_guided)
CFLAGS = ()             # C flags besides the build's own
CROSS_ANSWERS = cpython.CROSS_ANSWERS
CROSS_DOUBLE_ORDER = False   # configure asks the compiler
CROSS_CONFIGURE = cpython.CROSS_CONFIGURE
CROSS_MAKE = cpython.CROSS_MAKE
OPT = 'OPT=-DNDEBUG -fwrapv -O3 -Wall'   # configure's for GCC, without -g
# As setup.py defines them; no '=' in a Setup line, which makesetup takes for a variable.
_CURSES = '-DHAVE_NCURSESW -D_XOPEN_SOURCE_EXTENDED'
SETUP_STATIC = (
    'readline readline.c -lreadline -lncursesw',
    f'_curses _cursesmodule.c {_CURSES} -lncursesw',
    f'_curses_panel _curses_panel.c {_CURSES} -lpanelw -lncursesw',
    '_ctypes _ctypes/_ctypes.c _ctypes/callbacks.c _ctypes/callproc.c _ctypes/stgdict.c '
    '_ctypes/cfield.c -lffi -DHAVE_FFI_PREP_CIF_VAR -DHAVE_FFI_PREP_CLOSURE_LOC '
    '-DHAVE_FFI_CLOSURE_ALLOC',
)
EXTENSION_INCLUDE_DIRS = cpython.EXTENSION_INCLUDE_DIRS   # modules/ compiles against these
SETUP_VARIABLES = ()    # Setup.local's variable lines
SETUP_DISABLED = True   # makesetup reads a *disabled* section
INCLUDE_DIRS = ('include/ncursesw',)
# makesetup reads Setup.stdlib, which has every other module (patch 0020).
CONFIGURE_ENV = {'MODULES_SETUP_STDLIB': 'Modules/Setup.stdlib'}
BUILD_TOOLS = cpython.BUILD_TOOLS
PERF_TRAMPOLINE_CPUS = ()               # -X perf came in 3.12

# Test modules that Modules/Setup.stdlib builds as shared libraries only.
SHARED_ONLY_TEST_MODULES = (
    '_testimportmultiple _testimportmultiple.c', '_testmultiphase _testmultiphase.c',
    '_ctypes_test _ctypes/_ctypes_test.c', 'xxlimited xxlimited.c', 'xxlimited_35 xxlimited_35.c',
)
TEST_SUITE_EXPORTS = cpython.TEST_SUITE_EXPORTS
# The tests of library packages, which the regression tests import (ctypes.test, ...):
# left out of the ZIP, the test-suite variant installs them under lib/python3.11/ as test/
# is, and its sitecustomize (cpython.PACKAGE_TESTS_FINDER) finds them there; with them the
# grammars that lib2to3's tests read from their parent directory.
PACKAGE_TESTS = ('ctypes/test', 'distutils/tests', 'lib2to3/tests', 'lib2to3/Grammar.txt',
                 'lib2to3/PatternGrammar.txt', 'unittest/test')
TEST_SUITE_FILES = (cpython.PACKAGE_TESTS_FINDER,)
# The reference build (reference.py): the default one.
REFERENCE_PATCHES = ()
REFERENCE_CONFIGURE = ()
# What `make install` writes that the library needs, run by the interpreter just built in
# the source tree: lib2to3's grammar pickles, which it reads from the ZIP.
LIBRARY_BUILD_STEPS = cpython.LIB2TO3_GRAMMARS

STDLIB_SKIP_DIRS = cpython.STDLIB_SKIP_DIRS
STDLIB_SKIP_FILES = cpython.STDLIB_SKIP_FILES
STDLIB_SKIP_SUFFIXES = cpython.STDLIB_SKIP_SUFFIXES

PROGRAM = cpython.PROGRAM
PROGRAM_DIR = cpython.PROGRAM_DIR
LINK_VARIABLE = cpython.LINK_VARIABLE
EXPORT_HEADER_DIRS = exports.HEADER_DIRS
STABLE_ABI = exports.STABLE_ABI
ZIP_WRITER = cpython.ZIP_WRITER
ISOLATED = cpython.ISOLATED
OUR_FILES = cpython.OUR_FILES
HELPERS = cpython.HELPERS
BUILD_FILES = cpython.BUILD_FILES
