"""CPython 3.13, as data: the build is staticpython.cpython's, the patches are
patches/cpython3.13/<VERSION>/."""
from staticpython import cpython, exports
from staticpython.cpython import build   # noqa: F401 (the recipe's build function)
from staticpython.sources import Source

NAME = 'cpython3.13'
VERSION = '3.13.15'
LICENSE = 'PSF-2.0'
SUMMARY = 'the CPython interpreter and its standard library'
KIND = 'interpreter'
DEPENDS = ()            # the flavor names the libraries
SOURCES = (
    Source('Python-3.13.15.tar.xz', 23160540,
           '1e66a7945a48390ee4c2a4268a0e4185884059a13c4aab6d148aa208deea4a76',
           urls=('https://www.python.org/ftp/python/3.13.15/Python-3.13.15.tar.xz',),
           pool='pool/main/p/python3.13/python3.13_3.13.15.orig.tar.xz'),
)
LIBDIR = 'lib/python3.13'
LIBPYTHON = 'libpython3.13.a'
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
OPT = cpython.OPT
# Setup.local lines of modules that Setup.stdlib does not build (none in 3.13), and include
# directories under the stage's usr/ besides usr/include.
SETUP_STATIC = ()
EXTENSION_INCLUDE_DIRS = cpython.EXTENSION_INCLUDE_DIRS   # modules/ compiles against these
SETUP_VARIABLES = ()    # Setup.local's variable lines
SETUP_DISABLED = True   # makesetup reads a *disabled* section
INCLUDE_DIRS = ()
CONFIGURE_ENV = {}      # variables for configure and make besides the build's own
BUILD_TOOLS = cpython.BUILD_TOOLS

# The CPUs for which CPython has the perf trampoline (-X perf): assembly of its own
# (Python/asm_trampoline.S; configure's list, which patch 0010 extends to musl).
PERF_TRAMPOLINE_CPUS = ('x86_64', 'aarch64')

# Test modules that Modules/Setup.stdlib builds as shared libraries only: the test-suite
# variant builds them in (in makesetup, the first rule for a module wins).
SHARED_ONLY_TEST_MODULES = (
    '_testimportmultiple _testimportmultiple.c', '_testmultiphase _testmultiphase.c',
    '_testsinglephase _testsinglephase.c', '_testexternalinspection _testexternalinspection.c',
    '_ctypes_test _ctypes/_ctypes_test.c', 'xxlimited xxlimited.c', 'xxlimited_35 xxlimited_35.c',
)
TEST_SUITE_EXPORTS = cpython.TEST_SUITE_EXPORTS
# Tests inside library packages that the test-suite variant installs beside test/
# (none: its tests are all under Lib/test).
PACKAGE_TESTS = ()
TEST_SUITE_FILES = ()   # files of ours in the variant's library directory: none
# The reference build (reference.py): the default one.
REFERENCE_PATCHES = ()
REFERENCE_CONFIGURE = ()
# What `make install` writes that the library needs, run by the new interpreter: none.
LIBRARY_BUILD_STEPS = ()

STDLIB_SKIP_DIRS = cpython.STDLIB_SKIP_DIRS
STDLIB_SKIP_FILES = cpython.STDLIB_SKIP_FILES
STDLIB_SKIP_SUFFIXES = cpython.STDLIB_SKIP_SUFFIXES

# Our program and files (what the pkg's signature also covers, see packages._repo_files).
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
