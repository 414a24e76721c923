"""CPython 3.13, as data: the build is staticpython.cpython's, the patches are
patches/cpython3.13/<VERSION>/."""
from staticpython import cpython
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

CONFIGURE = ('--prefix=/usr/local', '--disable-shared', '--with-ensurepip=no',
             '--without-system-libmpdec',
             # What configure decides by running a test program, which a cross build cannot:
             # stated, so that every target gets them.
             '--enable-ipv6', '--with-computed-gotos')
# The other answers configure gets by running test programs, for a cross build: those of
# Linux with musl on every CPU, as configure finds them where it can run its tests
# (linux-x86_64, linux-i386). ac_cv_wchar_t_signed comes from the compiler (cross_answers).
CROSS_ANSWERS = {
    'ac_cv_file__dev_ptmx': 'yes', 'ac_cv_file__dev_ptc': 'no',
    'ac_cv_pthread_is_default': 'yes', 'ac_cv_pthread_system_supported': 'yes',
    'ac_cv_buggy_getaddrinfo': 'no', 'ac_cv_working_tzset': 'yes',
    'ac_cv_broken_sem_getvalue': 'no', 'ac_cv_posix_semaphores_enabled': 'yes',
    'ac_cv_rshift_extends_sign': 'yes', 'ac_cv_broken_nice': 'no', 'ac_cv_broken_poll': 'no',
    'ac_cv_broken_mbstowcs': 'no', 'ac_cv_have_chflags': 'no', 'ac_cv_have_lchflags': 'no',
    'ac_cv_aligned_required': 'no', 'ac_cv_x87_double_rounding': 'no',
}
# The programs the profile-guided build's first pass builds, which the second keeps.
BUILD_TOOLS = ('Programs/_freeze_module', '_bootstrap_python')

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
# What the test-suite variant's dlsym() also finds: _ctypes_test's functions and variables,
# which the ctypes tests load with CDLL(_ctypes_test.__file__), the executable.
TEST_SUITE_EXPORTS = ('Modules/_ctypes/_ctypes_test.o',)

STDLIB_SKIP_DIRS = cpython.STDLIB_SKIP_DIRS
STDLIB_SKIP_FILES = cpython.STDLIB_SKIP_FILES
STDLIB_SKIP_SUFFIXES = cpython.STDLIB_SKIP_SUFFIXES

# Our program and files (what the pkg's signature also covers, see packages._repo_files).
PROGRAM = cpython.PROGRAM
OUR_FILES = cpython.OUR_FILES
HELPERS = cpython.HELPERS
BUILD_FILES = cpython.BUILD_FILES
