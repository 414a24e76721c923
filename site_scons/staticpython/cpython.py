"""The build procedure of every CPython version: configure + make against the musl sysroot
and the staged libraries. A version's recipe (recipes/cpython<ver>.py) is data (its source
pins, configure arguments, cross-build answers, test modules, stdlib exclusions and
library name); its patches are patches/cpython<ver>/<version>/; this module does the rest.

Every module CPython's configure enables is built in (MODULE_BUILDTYPE=static); the
flavor's Setup.local disables what must stay out. After `make`, the module list is
checked against the flavor, then Programs/python.c is replaced by our program (main()
and the dlopen/dlsym wrappers, src/) with the table of exported symbols, and `python`
relinked. The pkg holds bin/python and the pure-Python standard library (plus
build-generated modules, our own files and the ZIP files of the flavor's data packages)
under the version's LIBDIR, ready for the ZipAppend step. A test-suite flavor also gets
the C test modules, and CPython's Lib/test under test-suite/<LIBDIR>/.
"""
import fcntl
import fnmatch
import glob
import os
import pprint
import re
import shutil

from staticpython import exports, extmodules, manifest, patchset, recipes, target_env
from staticpython.context import ZIP_FILES, build_triple
from staticpython.libcs import LIBCS
from staticpython.steps import StepError

# Release flavors are profile-guided and link-time optimised (the test-suite variant, built
# for CPython's own tests, is not), in our own passes rather than CPython's profile-opt
# target, which links its build tools (_freeze_module, _bootstrap_python, _testembed) with
# LTO in both of its builds: an instrumented build, the training run, and an optimised
# build of the objects whose only LTO link is the interpreter's. The profile comes from our
# training workload, run with a fixed hash seed and without address randomisation, so that
# two builds train alike.
TRAINING = 'src/staticpython_train.py'
TRAINING_RUN = ('setarch', '-R')          # prefixes the training run: no address randomisation
# The training's whole environment, the same in every checkout: the build's own (its PATH,
# flags and work directories) would reach os.environ, whose strings of other lengths move
# what the training allocates, and so the addresses that sets and dicts of objects hash. A
# fixed seed, and not 0: with 0 the hash secret is all zeros, and expat, given a zero hash
# salt by pyexpat, draws a random one.
# mimalloc gives memory back to the system a while after it is freed (purge_delay, 10 ms):
# by the clock, so differently from run to run; the training never does (-1).
TRAINING_ENV = {'PATH': '/usr/bin:/bin', 'HOME': '/nonexistent', 'LC_ALL': 'C.UTF-8',
                'PYTHONHASHSEED': '1', 'MIMALLOC_PURGE_DELAY': '-1'}
# The training runs from a copy of the instrumented interpreter and its library at this
# path, the same on every machine and in every checkout, and the instrumented objects name
# their profile files under it (PROFILE, by their path in the source tree): the paths the
# training meets (sys.path, module file names) are strings that it hashes and compares, and
# the profile files' names are data of the instrumented program that move its static
# objects, whose addresses are hashes too. A path of the checkout's would give another
# profile, and so other bytes. One build of a target and flavor at a time uses it (a lock).
TRAINING_DIR = '/tmp/staticpython-training/{target}-{flavor}'
PROFILE = 'profile'                       # in TRAINING_DIR while training, then in the source
TRAINING_LEAVES_OUT = ('__pycache__', 'test', 'idlelib', 'tkinter', 'turtledemo')
LTO = '-flto -fuse-linker-plugin -ffat-lto-objects -flto-partition=none'   # CPython's, for GCC
# The optimised build names the checkout's paths in its flags, which must not reach the
# program's debugging information (-gno-record-gcc-switches).
PGO_USE = ('-fprofile-correction -Wno-missing-profile -gno-record-gcc-switches ' + LTO)

# What a version's recipe takes unless it says otherwise.
CONFIGURE = ('--prefix=/usr/local', '--disable-shared', '--with-ensurepip=no',
             '--without-system-libmpdec',
             # What configure decides by running a test program, which a cross build cannot:
             # stated, so that every target gets them.
             '--enable-ipv6', '--with-computed-gotos',
             # configure's test of nice() finds it broken when the build itself runs niced
             # (nice(1) returns 19 twice): the answer would follow the builder's niceness.
             'ac_cv_broken_nice=no')
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
# 2.7's and 3.2's configure also run programs for what later versions ask the compiler:
# printf's %lld, tanh(-0.0)'s sign, computed gotos (3.2), and the order of a double's bytes
# (DOUBLE_ORDER_ANSWERS, by the target's, for a recipe with CROSS_DOUBLE_ORDER).
OLD_CROSS_ANSWERS = dict(CROSS_ANSWERS, ac_cv_have_long_long_format='yes',
                         ac_cv_tanh_preserves_zero_sign='yes', ac_cv_computed_gotos='yes')
DOUBLE_ORDER_ANSWERS = {   # by Target.big_endian
    False: {'ac_cv_little_endian_double': 'yes', 'ac_cv_big_endian_double': 'no',
            'ac_cv_mixed_endian_double': 'no'},
    True: {'ac_cv_little_endian_double': 'no', 'ac_cv_big_endian_double': 'yes',
           'ac_cv_mixed_endian_double': 'no'},
}
# A cross build's configure arguments ({python}: our interpreter of the same flavor for the
# build machine) and make arguments ({runner}: the command that runs the target's programs
# here): 3.x builds its tools for the build machine and runs them with that interpreter.
CROSS_CONFIGURE = ('--with-build-python={python}',)
CROSS_MAKE = ()
# Options of a 3.x configure: the staged OpenSSL ({deps}: the stage's usr/), and the C test
# modules (test-suite variant) or not.
OPENSSL_OPTIONS = ('--with-openssl={deps}', '--with-openssl-rpath=no')
TEST_MODULE_OPTIONS = {False: ('--disable-test-modules',), True: ('--enable-test-modules',)}
# The programs the profile-guided build's first pass builds, which the second keeps.
BUILD_TOOLS = ('Programs/_freeze_module', '_bootstrap_python')
# What the test-suite variant's dlsym() also finds: _ctypes_test's functions and variables,
# which the ctypes tests load with CDLL(_ctypes_test.__file__), the executable.
TEST_SUITE_EXPORTS = ('Modules/_ctypes/_ctypes_test.o',)
# The stack of every thread but the first, in bytes: glibc's (RLIMIT_STACK's usual 8 MiB),
# which CPython's recursion limits assume. musl gives 128 KiB unless the program's
# PT_GNU_STACK asks for more (up to 8 MiB), and 2.7's and 3.2's Python calls, or 3.13's C
# recursion (repr, json, pickle of deep data), then crash a thread before RecursionError.
THREAD_STACK = 8 << 20
# CPython's optimisation flags (configure's OPT), without -g: the program is stripped.
OPT = 'OPT=-DNDEBUG -O3 -Wall'
# The standard library ZIP's writer, run by the new interpreter with its isolation options
# (ZipAppend), and how the interpreter runs isolated from the user's environment.
ZIP_WRITER = 'site_scons/staticpython/stdlib_zip.py'
ISOLATED = ('-I',)
# Standard library parts left out of the ZIP: tests, the Tk GUI and its demos.
STDLIB_SKIP_DIRS = ('test', 'tests', 'idle_test', 'idlelib', 'tkinter', 'turtledemo',
                    '__pycache__', 'site-packages')
STDLIB_SKIP_FILES = ('turtle.py',)
STDLIB_SKIP_SUFFIXES = ('.pyc', '.exe', '.dll', '.orig', '.rej')

# Files of ours that go into the ZIP: (path in the repo, name in the ZIP).
OUR_FILES = (('src/_staticpython_certs.py', '_staticpython_certs.py'),
             ('src/staticpython.py', 'staticpython.py'))     # python -m staticpython
# The finder of a library package's own tests (PACKAGE_TESTS) for a version whose zipimport
# is not patched to find them: (path in the repo, name in the test-suite variant's library
# directory on disk), in the version's TEST_SUITE_FILES.
PACKAGE_TESTS_FINDER = ('src/staticpython_package_tests.py', 'sitecustomize.py')
# What `make install` of a version with lib2to3 (2.7 to 3.12) writes that the library
# needs: lib2to3's grammar pickles, which it reads from the ZIP (the version's
# LIBRARY_BUILD_STEPS, arguments of the interpreter just built in the source tree).
LIB2TO3_GRAMMARS = tuple(('-E', '-S', '-m', 'lib2to3.pgen2.driver', f'Lib/lib2to3/{g}.txt')
                         for g in ('Grammar', 'PatternGrammar'))
# Our program, included by the Programs/python.c the build writes: main(), and dlopen()/
# dlsym() over the table of exported symbols (staticpython_exports.h, written beside them);
# main() includes staticpython_self.h itself (after Python.h), so it comes last.
PROGRAM = ('src/staticpython_main.c', 'src/staticpython_dlfcn.c', 'src/staticpython_self.h')
PROGRAM_DIR = 'Programs'                 # where CPython's python.c is
# The make variable that adds flags to the interpreter's link (3.x: LDFLAGS, which the
# Makefile appends to configure's CONFIGURE_LDFLAGS).
LINK_VARIABLE = 'LDFLAGS'
# The C library's, wrapped by the program (__dlsym_time64: dlsym on musl's 32-bit CPUs;
# where nothing calls it, its --wrap does nothing).
WRAPPED = ('dlopen', 'dlsym', '__dlsym_time64', 'dlclose', 'dlerror')
# Faster memcpy, memmove, memset and memcmp than the C library's, linked into the interpreter;
# never compiled with LTO or builtins, which could turn them into calls to themselves.
STRING_FUNCTIONS = 'src/staticpython_string.c'
STRING_FLAGS = ('-O2', '-ffreestanding', '-fno-tree-loop-distribute-patterns', '-fno-lto')
BUILD_FILES = (STRING_FUNCTIONS, TRAINING)
# The build modules every version's pkg depends on, besides its recipe.
HELPERS = ('site_scons/staticpython/cpython.py', 'site_scons/staticpython/exports.py',
           'site_scons/staticpython/extmodules.py', 'site_scons/staticpython/patchset.py')
TEST_SUITE = 'test-suite'                  # in a test-suite pkg: <prefix>/<LIBDIR>/test
# Where the C extensions of modules/ find Python.h and what it includes (pyconfig.h in the
# build directory), relative to the source tree.
EXTENSION_INCLUDE_DIRS = ('Include', '.')


def products(libdir):
    """What every interpreter pkg must hold (a recipe's PRODUCTS)."""
    return ('bin/python', f'{libdir}/os.py', f'{libdir}/_staticpython_certs.py',
            f'{libdir}/_staticpython_cacert.pem', f'{libdir}/_staticpython_build.py')


def build_info(flavor, target, libc, pie=False):
    """_staticpython_build.py: facts of this build that Python code can ask for (FACTS:
    what `python -m staticpython` prints, see manifest.py)."""
    facts = manifest.build_facts(flavor, target, libc, pie, recipes.load())
    return ('"""How this interpreter was built (written by the StaticPython build)."""\n'
            f'LIBC = {(facts["libc"]["name"], facts["libc"]["version"])!r}\n'
            f'FLAVOR = {flavor.name!r}\n'
            f'TARGET = {target.name!r}\n'
            f'FACTS = {facts!r}\n')


def setup_local(v, flavor):
    """Modules/Setup.local for `flavor` of the CPython version `v` (its recipe): its
    variables, its module lines, and a *disabled* section where makesetup has one; where
    it has none (2.7, 3.2: no setup.py either), the flavor's excluded modules are not
    listed (python3.2's _ssl, which stacklessxl3.2 links)."""
    static = v.SETUP_STATIC if v.SETUP_DISABLED else tuple(
        line for line in v.SETUP_STATIC if line.split()[0] not in flavor.excluded_modules)
    lines = [f'# Generated by StaticPython for flavor {flavor.name}: every module built in.',
             *v.SETUP_VARIABLES, '*static*', *static]
    if flavor.test_suite:
        lines += v.SHARED_ONLY_TEST_MODULES
    if v.SETUP_DISABLED:
        lines += ['', '*disabled*'] + sorted(flavor.excluded_modules)
    return '\n'.join(lines) + '\n'


def build(b):
    v = b.recipe
    # A fork's source (Stackless) takes the patches of the CPython it forks, after its own.
    for path in patchset.borrowed(b.repo, v):
        b.run('patch', '-p1', '--forward', '--batch', '-i', path)
    deps = os.path.join(b.deps, 'usr')
    with open(b.src('Modules/Setup.local'), 'w') as f:
        f.write(setup_local(b.recipe, b.flavor))
    # No -O level of ours: CPython's own OPT (-O3) decides, instead of being overridden.
    cflags = ' '.join([f for f in b.env['CFLAGS'].split() if not f.startswith('-O')] +
                      list(v.CFLAGS))
    env = {
        'CFLAGS': cflags,
        'CPPFLAGS': ' '.join([b.env['CPPFLAGS']] + [f'-I{deps}/{d}' for d in v.INCLUDE_DIRS]),
        **v.CONFIGURE_ENV,
        **dict(LIBCS[b.libc].cpython_configure),
        'MODULE_BUILDTYPE': 'static',
        'LDFLAGS': f'{b.env["LDFLAGS"]} {b.env["STATICPYTHON_LINK"]} -Wl,--gc-sections'
                   f' -Wl,-z,stack-size={THREAD_STACK}{packed_relocations(b)}',
        # The interpreter's own link (make passes LDFLAGS twice, a version script must come
        # once): no -export-dynamic, nothing is loaded later; every symbol local.
        'LINKFORSHARED': local_symbols(b) or ' ',
        # The objects CPython compiles for shared use (libmpdec, expat, HACL*) get the code
        # model of the rest: with LTO, GCC will not inline across a -fPIC/non-PIC boundary on
        # RISC-V (its code model differs), and -fPIC is pointless in a static executable.
        'CCSHARED': ' '.join(target_env.PIE_CFLAGS) if pie(b) else ' ',
    }
    tests = v.TEST_MODULE_OPTIONS.get(b.flavor.test_suite, ())
    openssl = tuple(o.format(deps=deps) for o in v.OPENSSL_OPTIONS)
    # Where this machine runs the target's programs (x86_64, i386 here) the build is native,
    # for the target's own triple, and configure runs its test programs. Elsewhere it
    # cross-builds from this machine's triple, with our build Python.
    host = (f'--build={b.triple}', f'--host={b.triple}')
    build_python = b.env.get('STATICPYTHON_BUILD_PYTHON')
    if build_python:
        # A copy in the work directory: the configuration records its path, which the
        # packing step then names by the work directory's mapped name, as in every checkout.
        copy = os.path.join(b.mkdir('build-python'), os.path.basename(build_python))
        shutil.copy2(build_python, copy)
        build_python = copy
        site = os.path.join(b.workdir, 'config.site')
        with open(site, 'w') as f:
            f.write(''.join(f'{k}={v}\n' for k, v in sorted(cross_answers(b).items())))
        env['CONFIG_SITE'] = site
        host = (f'--build={build_triple()}', f'--host={b.triple}',
                *(a.format(python=build_python) for a in v.CROSS_CONFIGURE))
    # make's arguments of a cross build (the version's CROSS_MAKE), on every make command
    cross = tuple(a.format(runner=' '.join(b.target.runner())) for a in v.CROSS_MAKE
                  ) if build_python else ()
    b.run('./configure', *host, *openssl, *tests, *v.CONFIGURE, env=env)
    if b.flavor.test_suite:
        # The configuration module first: 2.7's and 3.2's `make` runs setup.py, which writes
        # pybuilddir.txt itself, and the rule that writes _sysconfigdata.py then never runs.
        b.make('python', 'pybuilddir.txt', *cross, env=env)
        b.make(*cross, env=env)            # with the programs CPython's tests run
        check_builtin_modules(b)
        final, flags = cross, None
    elif not v.PGO:
        b.make('python', 'pybuilddir.txt', v.OPT, *cross, env=env)
        check_builtin_modules(b)
        final, flags = (v.OPT, *cross), None
    else:
        final, flags = profile_guided(b, env)
        final += cross
    if v.LIBRARY_BUILD_STEPS:
        library_build_steps(b)
    b.make(v.LIBPYTHON, *final, env=env)
    entries, parts, natives, linked = build_modules(b, cflags, env)
    write_program(b, entries, natives)
    # Our program is compiled without LTO: its table names the C API by assembler name with
    # a type of its own, which LTO's merge of declarations rejects; as an ordinary object
    # it also keeps every function of the table from being optimised away.
    b.make(f'{v.PROGRAM_DIR}/python.o', v.OPT, *cross, env=env)
    wraps = ' '.join(f'-Wl,--wrap={name}' for name in WRAPPED)
    b.make('python', f'{v.LINK_VARIABLE}={wraps}{string_functions(b, cflags)}{linked}', *final,
           env=env)
    if flags:
        record_final_flags(b, *flags)
    install(b, parts)


def string_functions(b, cflags):
    """Our memcpy, memmove, memset and memcmp (STRING_FUNCTIONS), compiled for the link
    (' <object>'), or '' where the C library's must stay (libcs.py)."""
    if not LIBCS[b.libc].string_functions:
        return ''
    strings = b.src(b.recipe.PROGRAM_DIR, 'staticpython_string.o')
    b.run(b.env['CC'], *cflags.split(), *STRING_FLAGS, '-c',
          os.path.join(b.repo, STRING_FUNCTIONS), '-o', strings)
    return f' {strings}'


def build_modules(b, cflags, env):
    """The flavor's C extensions of modules/ (extmodules.py), compiled against this build's
    headers with CPython's optimisation. Returns (inittab entries, Python parts, native
    libraries, what the interpreter's link adds: the objects, and the C++ runtime if one is
    C++)."""
    v = b.recipe
    opt = [f for f in v.OPT.split('=', 1)[1].split() if f != '-Wstrict-prototypes']
    cxxflags = [f for f in b.env['CXXFLAGS'].split() if not f.startswith('-O')]
    include = [b.src(d) for d in v.EXTENSION_INCLUDE_DIRS]
    objects, entries, parts, natives = extmodules.build(
        b, b.flavor.extra_modules, include,
        ' '.join([cflags, env['CPPFLAGS'], *opt]), ' '.join([*cxxflags, env['CPPFLAGS'], *opt]))
    linked = ''.join(f' {o}' for o in objects)
    if any(o.endswith(extmodules.CXX_OBJECT) for o in objects):
        linked += ' -lstdc++'
    return entries, parts, natives, linked


def record_final_flags(b, instrumented, compile_flags, link_flags):
    """The build's configuration variables (sysconfig's) were written by the instrumented
    build, whose flags came from make's command line: state the optimised build's instead."""
    def final(key, value):
        return value.replace(instrumented, link_flags if 'LDFLAGS' in key else compile_flags)

    with open(b.src('pybuilddir.txt')) as f:
        builddir = b.src(f.read().strip())
    for path in glob.glob(os.path.join(builddir, '*.py')) + glob.glob(os.path.join(builddir, '*.json')):
        with open(path) as f:
            lines = f.readlines()
        for i, line in enumerate(lines):
            if instrumented in line:
                lines[i] = final(line.split(':', 1)[0], line)
        text = ''.join(lines)
        if path.endswith('.py') and instrumented.split()[0] in text:
            text = _rewritten_sysconfigdata(text, final)
        with open(path, 'w') as f:
            f.write(text)


def _rewritten_sysconfigdata(text, final):
    """_sysconfigdata_*.py with final(key, value) applied to every value, for a version whose
    file (pprint's, before 3.13) splits long strings over several lines."""
    names = {}
    exec(compile(text, '_sysconfigdata', 'exec'), names)
    values = {k: final(k, v) if isinstance(v, str) else v
              for k, v in names['build_time_vars'].items()}
    head = text[:text.index('build_time_vars = ')]
    return f'{head}build_time_vars = {pprint.pformat(values)}\n'


def pie(b):
    return b.env['STATICPYTHON_LINK'] == '-static-pie'


# Every symbol of a static-pie local: nothing links against it later. Without this the
# RISC-V and s390x linkers of binutils 2.44 make a global that data points at and code reads
# through the GOT a dynamic symbol with a symbolic relocation (R_RISCV_64, R_390_64), which
# musl's static-pie start-up, applying relative relocations only, leaves at zero.
LOCAL_SYMBOLS = '{ local: *; };\n'


def local_symbols(b):
    """'-Wl,--version-script=...' making every symbol of a static-pie local (see
    LOCAL_SYMBOLS); empty for a fixed-address executable."""
    if not pie(b):
        return ''
    path = os.path.join(b.workdir, 'local-symbols.ver')
    with open(path, 'w') as f:
        f.write(LOCAL_SYMBOLS)
    return f'-Wl,--version-script={path}'


def packed_relocations(b):
    """' -Wl,-z,pack-relative-relocs' for a static-pie whose linker can pack its relative
    relocations (DT_RELR, which musl's start-up code applies): 1.5 MB fewer on x86_64. Empty
    for a fixed-address executable and where the target's ld ignores the option."""
    if not pie(b):
        return ''
    flag = '-Wl,-z,pack-relative-relocs'
    probe = os.path.join(b.workdir, 'relr-probe')
    with open(probe + '.c', 'w') as f:
        f.write('static const char *s[] = {"a"}; const char **p = s; int main(void) { return 0; }\n')
    try:
        b.run(b.env['CC'], '-fPIE', '-static-pie', flag, '-Wl,--fatal-warnings', probe + '.c',
              '-o', probe)
    except StepError:
        return ''
    return ' ' + flag


def cross_answers(b):
    """The version's CROSS_ANSWERS, and whether wchar_t is signed, as the target's compiler defines it."""
    v = b.recipe
    macros = b.output(b.env['CC'], '-dM', '-E', '-x', 'c', '/dev/null')
    match = re.search(r'^#define __WCHAR_MIN__ (.*)$', macros, re.M)
    if not match:
        raise StepError(f'{b.env["CC"]} defines no __WCHAR_MIN__')
    signed = match.group(1).strip().startswith(('-', '(-'))
    order = DOUBLE_ORDER_ANSWERS[b.target.big_endian] if v.CROSS_DOUBLE_ORDER else {}
    return dict(v.CROSS_ANSWERS, **order, ac_cv_wchar_t_signed='yes' if signed else 'no')


def profile_guided(b, env):
    """The instrumented build, its check and its training run, at TRAINING_DIR; then remove
    its objects. Returns the make arguments of the optimised build (which keeps the first
    build's tools), and (the instrumented build's flags, the optimised build's compile and
    link flags) for record_final_flags()."""
    v = b.recipe
    where = TRAINING_DIR.format(target=b.target.name, flavor=b.flavor.name)
    srcdir = os.path.realpath(b.srcdir)   # as the compiler sees its working directory
    generate = f'-fprofile-generate={where}/{PROFILE} -fprofile-prefix-path={srcdir}'
    try:
        os.makedirs(os.path.dirname(where), exist_ok=True)
        with open(where + '.lock', 'w') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            b.make('python', 'pybuilddir.txt', v.OPT, f'CFLAGS_NODIST={generate}',
                   f'LDFLAGS_NODIST={generate}', env=env)
            check_builtin_modules(b)       # with CPython's own program, run in its tree
            _training_copy(b, where)       # (removes the profile of the build's own runs)
            train = [*TRAINING_RUN, *b.target.runner(), os.path.join(where, 'python'),
                     'staticpython_train.py']
            b.runner.run(train, where, TRAINING_ENV)   # not b.run(): it adds the build's own
            shutil.move(os.path.join(where, PROFILE), b.src(PROFILE))
            shutil.rmtree(where)
    except OSError as e:
        raise StepError(f'cannot run the training in {where} ({e}); the path is fixed so that '
                        'every build trains alike: remove it or make it writable') from e
    profiles = os.listdir(b.src(PROFILE))
    if not any(name.startswith('Python#ceval') for name in profiles):
        raise StepError(f'the training wrote no profile of the interpreter under its names in '
                        f'the source tree (found: {", ".join(sorted(profiles)[:5])})')
    _remove_files(b.srcdir, ('.o', '.a'))
    os.remove(b.src(PROFILE, 'Programs#python.gcda'))   # CPython's main(), which ours replaces
    use = f'-fprofile-use={b.src(PROFILE)} -fprofile-prefix-path={srcdir} {PGO_USE}'
    return ((v.OPT, f'CFLAGS_NODIST={use}', f'LDFLAGS_NODIST={LTO}',
             *(f'--old-file={tool}' for tool in v.BUILD_TOOLS)), (generate, use, LTO))


def library_build_steps(b):
    """What `make install` writes that the library needs (lib2to3's grammar pickles,
    LIB2TO3_GRAMMARS), by the interpreter just built, into the source's Lib/. pgen numbers its labels
    in an order that depends on objects' addresses, so it runs as the training does: from a
    copy at TRAINING_DIR, without address randomisation, in TRAINING_ENV; the files it
    writes under Lib/ (not its own bytecode) are copied back."""
    where = TRAINING_DIR.format(target=b.target.name, flavor=b.flavor.name)
    os.makedirs(os.path.dirname(where), exist_ok=True)
    with open(where + '.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _training_copy(b, where)
        # 2.7's and 3.2's getpath know a build directory by Modules/Setup, then use its Lib/
        os.makedirs(os.path.join(where, 'Modules'))
        shutil.copy2(b.src('Modules/Setup'), os.path.join(where, 'Modules'))
        before = set(_files_under(os.path.join(where, 'Lib')))
        for args in b.recipe.LIBRARY_BUILD_STEPS:
            b.runner.run([*TRAINING_RUN, *b.target.runner(), os.path.join(where, 'python'),
                          *args], where, TRAINING_ENV)
        for rel in sorted(set(_files_under(os.path.join(where, 'Lib'))) - before):
            if '__pycache__' not in rel.split(os.sep):     # the bytecode of its own run
                shutil.copy2(os.path.join(where, 'Lib', rel), b.src('Lib', rel))
        shutil.rmtree(where)


def _files_under(top):
    for dirpath, _, filenames in os.walk(top):
        for name in filenames:
            yield os.path.relpath(os.path.join(dirpath, name), top)


def _training_copy(b, where):
    """The instrumented interpreter as CPython runs it from its build directory: the program,
    pybuilddir.txt and the directory it names, and Lib/."""
    shutil.rmtree(where, ignore_errors=True)
    os.makedirs(where)
    for name in ('python', 'pybuilddir.txt'):
        shutil.copy2(b.src(name), where)
    with open(b.src('pybuilddir.txt')) as f:
        builddir = f.read().strip()
    shutil.copytree(b.src(builddir), os.path.join(where, builddir))
    shutil.copytree(b.src('Lib'), os.path.join(where, 'Lib'),
                    ignore=shutil.ignore_patterns(*TRAINING_LEAVES_OUT))
    shutil.copy2(os.path.join(b.repo, TRAINING), os.path.join(where, 'staticpython_train.py'))


def _remove_files(top, suffixes):
    for dirpath, _, filenames in os.walk(top):
        for name in filenames:
            if name.endswith(suffixes):
                os.remove(os.path.join(dirpath, name))


def write_program(b, entries=(), natives=()):
    """<PROGRAM_DIR>/python.c including our program, the table of exports beside it, the
    inittab of the built-in modules/ (`entries`: [(import name, init name)]) and the tables
    of their native libraries (`natives`, extmodules.build's)."""
    v = b.recipe
    with open(b.src(v.PROGRAM_DIR, extmodules.INITTAB_HEADER), 'w') as f:
        f.write(extmodules.inittab_header(entries, int(v.VERSION.split('.')[0])))
    with open(b.src(v.PROGRAM_DIR, extmodules.NATIVES_HEADER), 'w') as f:
        f.write(extmodules.natives_header(natives))
    for path in v.PROGRAM:
        shutil.copy2(os.path.join(b.repo, path), b.src(v.PROGRAM_DIR))
    nm = (b.env['NM'], '-g', '--defined-only')
    declared = exports.declared_names(b.srcdir, v.EXPORT_HEADER_DIRS, v.STABLE_ABI)
    names = declared & exports.defined_symbols(b.output(*nm, v.LIBPYTHON))
    if b.flavor.test_suite:
        for obj in v.TEST_SUITE_EXPORTS:
            names |= exports.defined_symbols(b.output(*nm, obj))
    with open(b.src(v.PROGRAM_DIR, 'staticpython_exports.h'), 'w') as f:
        f.write(exports.header_text(names))
    b.runner.note(f'staticpython_exports.h: {len(names)} symbols for dlsym()')
    lines = ["/* Written by the StaticPython build: our program instead of CPython's. */"]
    if b.flavor.test_suite:
        lines.append(f'#define STATICPYTHON_LIBDIR "{v.LIBDIR}"')
    lines.append(f'#include "{extmodules.INITTAB_HEADER}"')
    lines += [f'#include "{os.path.basename(path)}"' for path in v.PROGRAM]
    with open(b.src(v.PROGRAM_DIR, 'python.c'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


# The modules compiled into the interpreter, as Python code valid in 2.7 and 3.x: the
# inittab's (sys.builtin_module_names), and those its start-up makes without one and
# without a file (Stackless 2.7's _stackless).
BUILT_IN_MODULES = ('sorted(set(sys.builtin_module_names) | set(n for n, m in sys.modules.items()'
                    ' if m is not None and n != "__main__" and not hasattr(m, "__file__")))')


def check_builtin_modules(b):
    """Fail unless every module the flavor requires was compiled in."""
    out = os.path.join(b.workdir, 'builtin-modules.txt')
    b.run(*b.target.runner(), './python', '-E', '-S', '-c',
          f'import sys; open(sys.argv[1], "w").write("\\n".join({BUILT_IN_MODULES}))', out)
    with open(out) as f:
        have = set(f.read().split())
    missing = sorted(set(b.flavor.required_modules) - have)
    if missing:
        raise RuntimeError(f'CPython built without {", ".join(missing)}: see "Following '
                           f'modules" near the end of {b.runner.log_path} and config.log in '
                           f'{b.srcdir}')
    unwanted = sorted(have & set(b.flavor.excluded_modules))
    if unwanted:
        raise RuntimeError(f'CPython built excluded modules {", ".join(unwanted)}')


def install(b, parts=()):
    v = b.recipe
    os.makedirs(b.dest('bin'))
    shutil.copy2(b.src('python'), b.dest('bin/python'))
    lib = b.dest(v.LIBDIR)
    copy_stdlib(b.recipe, b.src('Lib'), lib)
    with open(b.src('pybuilddir.txt')) as f:
        builddir = b.src(f.read().strip())
    # _sysconfigdata_*.py and friends; the packing step takes this checkout's paths out.
    for path in glob.glob(os.path.join(builddir, '*.py')) + glob.glob(os.path.join(builddir, '*.json')):
        shutil.copy2(path, lib)
    extmodules.copy_python_parts(parts, lib)
    for repo_path, name in v.OUR_FILES:
        shutil.copy2(os.path.join(b.repo, repo_path), os.path.join(lib, name))
    if os.path.isdir(os.path.join(b.deps, ZIP_FILES)):
        shutil.copytree(os.path.join(b.deps, ZIP_FILES), lib, dirs_exist_ok=True)
    if b.flavor.test_suite:
        for tests in ('test',) + v.PACKAGE_TESTS:
            dest = b.dest(TEST_SUITE, v.LIBDIR, tests)
            if os.path.isdir(b.src('Lib', tests)):
                shutil.copytree(b.src('Lib', tests), dest,
                                ignore=shutil.ignore_patterns('__pycache__'))
            else:       # a file of the package that its tests read by path
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copy2(b.src('Lib', tests), dest)
        for repo_path, name in v.TEST_SUITE_FILES:
            shutil.copy2(os.path.join(b.repo, repo_path), b.dest(TEST_SUITE, v.LIBDIR, name))
    if 'certifi' in b.flavor.libraries:    # the CA bundle _staticpython_certs.py falls back on
        shutil.copy2(os.path.join(b.deps, 'usr/share/certifi/cacert.pem'),
                     os.path.join(lib, '_staticpython_cacert.pem'))
    with open(os.path.join(lib, '_staticpython_build.py'), 'w') as f:
        f.write(build_info(b.flavor, b.target, b.libc, pie(b)))


def copy_stdlib(v, src, dest):
    """The standard library of `src` in `dest`, without what the version `v` leaves out
    (STDLIB_SKIP_DIRS: directory names or fnmatch patterns of them)."""
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames
                             if not any(fnmatch.fnmatchcase(d, p) for p in v.STDLIB_SKIP_DIRS))
        rel = os.path.relpath(dirpath, src)
        for name in sorted(filenames):
            if name in v.STDLIB_SKIP_FILES or name.endswith(v.STDLIB_SKIP_SUFFIXES):
                continue
            out_dir = os.path.join(dest, rel)
            os.makedirs(out_dir, exist_ok=True)
            shutil.copy2(os.path.join(dirpath, name), out_dir)
