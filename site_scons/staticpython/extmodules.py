"""Third-party C extensions compiled into the interpreter: the data files of modules/.

Each modules/<name>.py defines:
  NAME, LICENSE, SUMMARY  strings
  RELEASES    tuple of Release, newest first: a flavor takes the first whose `python`
              accepts its CPython version
  LIBRARIES   recipe names the extension links (their pkgs join the flavor's)

A Release names its pinned sdist (sources.Source, fetched like any source), its C or C++
files (`sources`, paths in the sdist's tree), its flags, the built-in modules it defines
({import name: name of its init function without PyInit_/init}) and its Python parts
(directories or files of the sdist's tree, copied into the standard library's ZIP).
A package whose Python code loads shared libraries of its own with ctypes (pycryptodome)
lists them as NativeLibrary: each is compiled in as one object whose global symbols get a
name of their own (sp_lib<n>_<name>, so that no two libraries clash), and a table written
for src/staticpython_dlfcn.c (natives_header()) lets dlopen() of the library's dotted name
and dlsym() on it find them. The sdist's patches, if any, are
patches/<NAME>/<version>/*.patch, applied in sorted order after unpacking.

build() compiles them inside the interpreter's build, against CPython's headers, with the
target's toolchain; cpython.py links the objects into the interpreter, and our main()
appends the modules to the inittab (inittab_header()) before the interpreter starts.
"""
import fnmatch
import glob
import importlib.util
import itertools
import os
import shutil
from dataclasses import dataclass, field

from . import exports, sources, steps, toolchain
from .context import build_triple

MODULES_DIR = 'modules'                  # in the repo's top directory
_FIELDS = ('NAME', 'LICENSE', 'SUMMARY', 'RELEASES', 'LIBRARIES')
C_SUFFIXES = ('.c',)
CXX_SUFFIXES = ('.cpp', '.cc', '.cxx')
# What the Python parts leave out: an extension's own tests and build leftovers.
SKIP_DIRS = ('tests', 'test', 'SelfTest', '__pycache__')   # SelfTest: pycryptodome's
SKIP_FILES = ('*.c', '*.cpp', '*.h', '*.hpp', '*.pyx', '*.pxd', '*.pyc', '*.so')
# The inittab of the extensions, included first by our program (cpython.write_program).
INITTAB_HEADER = 'staticpython_modules.h'
# The native libraries' symbol tables, included by src/staticpython_dlfcn.c.
NATIVES_HEADER = 'staticpython_natives.h'
CXX_OBJECT = '.cxx.o'                    # a C++ object: the link adds the C++ runtime


@dataclass(frozen=True)
class Unit:
    """C or C++ files of a release compiled with flags of their own (a bundled library):
    paths or glob patterns in the sdist's tree, expanded in sorted order."""
    sources: tuple
    include_dirs: tuple = ()
    cflags: tuple = ()


@dataclass(frozen=True)
class NativeLibrary:
    """A shared library that the package's Python code loads with ctypes, compiled in
    instead: its dotted name (what the patched loader passes to dlopen()), its C files
    and flags, and the only targets it is built for (default: every target; a library
    for one CPU's instructions, which the package's code loads only where they exist)."""
    name: str
    sources: tuple
    cflags: tuple = ()
    targets: tuple = ()


@dataclass(frozen=True)
class Release:
    version: str
    python: str               # the CPython versions it supports: '>=3.10', '==2.7', ...
    source: sources.Source    # the sdist (pip route, with its sha256)
    sources: tuple            # C/C++ files in the sdist, compiled and linked in
    builtins: dict            # import name -> init function's name (PyInit_<it>, init<it>)
    python_parts: tuple = ()  # directories or files copied into the ZIP (their top name)
    include_dirs: tuple = ()  # directories of the sdist's tree for -I (each file's own too)
    cflags: tuple = ()        # for C and C++ files alike
    cxxflags: tuple = ()      # for C++ files only
    target_flags: dict = field(default_factory=dict)   # target name -> extra flags
    units: tuple = ()         # Unit: more files, with flags of their own
    # Run before compiling, in the sdist's tree, with the target's compiler: (directory,
    # argv); {host} and {build} stand for the target's and this machine's triples.
    configure: tuple = ()
    native_libraries: tuple = ()   # NativeLibrary: what its Python code loads with ctypes


def _root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(root=None):
    """Every module of modules/, by NAME, sorted."""
    top = os.path.join(root or _root(), MODULES_DIR)
    found = {}
    for name in sorted(os.listdir(top)) if os.path.isdir(top) else ():
        if not name.endswith('.py') or name.startswith('_'):
            continue
        spec = importlib.util.spec_from_file_location(f'staticpython_module_{name[:-3]}',
                                                      os.path.join(top, name))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        missing = [f for f in _FIELDS if not hasattr(mod, f)]
        if missing:
            raise ValueError(f'{MODULES_DIR}/{name} lacks {", ".join(missing)}')
        mod.PATH = f'{MODULES_DIR}/{name}'
        found[mod.NAME] = mod
    return found


def _series(version):
    return tuple(int(p) for p in version.split('.')[:2])


def accepts(spec, python_version):
    """Whether `spec` ('>=3.10', '==2.7', '>=3.5,<3.12') accepts CPython `python_version`,
    compared by its series (major.minor)."""
    have = _series(python_version)
    for clause in spec.split(','):
        clause = clause.strip()
        op = clause.rstrip('0123456789.')
        want = _series(clause[len(op):])
        ok = {'>=': have >= want, '>': have > want, '<=': have <= want, '<': have < want,
              '==': have == want, '!=': have != want}.get(op)
        if ok is None:
            raise ValueError(f'bad Python version clause {clause!r} (use >=, >, <=, <, ==, !=)')
        if not ok:
            return False
    return True


def release_for(module, python_version):
    """The newest release of `module` that supports CPython `python_version`, or None."""
    return next((r for r in module.RELEASES if accepts(r.python, python_version)), None)


def unsupported(module, python_version):
    """One line saying that no release of `module` supports this Python, or None."""
    if release_for(module, python_version):
        return None
    ranges = '; '.join(f'{r.version}: Python {r.python}' for r in module.RELEASES)
    return (f'module {module.NAME} has no release for Python {python_version} '
            f'(its releases: {ranges})')


def with_requirements(names, modules):
    """`names` with the modules each REQUIRES (optional in a module file) before it."""
    out = []

    def add(name):
        if name in out:
            return
        for dep in getattr(modules.get(name), 'REQUIRES', ()):
            add(dep)
        out.append(name)

    for name in names:
        add(name)
    return tuple(out)


def chosen(names, python_version, modules=None):
    """[(module, release)] for the flavor's module names and what they require, in order;
    ValueError naming the unknown ones (with the valid names) or the first unsupported one."""
    modules = load() if modules is None else modules
    names = with_requirements(names, modules)
    unknown = [n for n in names if n not in modules]
    if unknown:
        raise ValueError(f"unknown module {', '.join(unknown)}; valid modules: "
                         f"{', '.join(modules)}")
    out = []
    for name in names:
        why = unsupported(modules[name], python_version)
        if why:
            raise ValueError(why)
        out.append((modules[name], release_for(modules[name], python_version)))
    return out


def fingerprint(picked):
    """What of the chosen modules (chosen()'s list) shapes a build, as one string."""
    return ' '.join(
        f'{m.NAME}={r.version} [{r.source.filename}:{r.source.sha256}] sources={r.sources} '
        f'builtins={sorted(r.builtins.items())} parts={r.python_parts} '
        f'include={r.include_dirs} cflags={r.cflags} cxxflags={r.cxxflags} '
        f'target_flags={sorted(r.target_flags.items())} units={r.units} configure={r.configure} '
        f'native_libraries={r.native_libraries}'
        for m, r in picked)


def libraries(picked):
    """The recipe names the chosen modules (chosen()'s list) link."""
    out = []
    for m, _ in picked:
        out += [lib for lib in m.LIBRARIES if lib not in out]
    return tuple(out)


def inittab_header(entries, python_major):
    """staticpython_modules.h: the extensions' init functions and staticpython_add_modules(),
    which main() calls before the interpreter starts. `entries`: [(import name, init name)]."""
    ret, prefix = ('void', 'init') if python_major == 2 else ('PyObject *', 'PyInit_')
    lines = ['/* Written by the StaticPython build: the C extensions of modules/ built in. */',
             '#include "Python.h"', '']
    lines += [f'extern {ret}{"" if ret.endswith("*") else " "}{prefix}{init}(void);'
              for _, init in entries]
    lines += ['', 'static struct _inittab staticpython_modules[] = {']
    lines += [f'    {{"{name}", {prefix}{init}}},' for name, init in entries]
    lines += ['    {NULL, NULL}', '};', '',
              'static void staticpython_add_modules(void) {',
              f'    if ({len(entries)} && PyImport_ExtendInittab(staticpython_modules) < 0) {{',
              '        fprintf(stderr, "staticpython: no memory for the built-in modules\\n");',
              '        exit(1);', '    }', '}', '']
    return '\n'.join(lines)


def build(b, names, include_dirs, cflags, cxxflags):
    """Compile the flavor's extensions in b's work directory. Returns (object files, the
    inittab entries, the Python parts' (source path, name in the library) pairs, the native
    libraries as [(dotted name, [(symbol, its name in the interpreter)])])."""
    objects, entries, parts, natives = [], [], [], []
    numbers = itertools.count()
    for module, release in chosen(names, b.recipe.VERSION):
        archive = sources.fetch((release.source,), b.cache)
        top = b.mkdir('modules', module.NAME)
        steps.unpack(archive, top)
        b.runner.note(f'\n=== module {module.NAME} {release.version} ({os.path.basename(archive)})')
        for patch in patch_files(module, release, b.repo):
            b.run('patch', '-p1', '--forward', '--batch', '-i',
                  os.path.join(b.repo, patch), cwd=top)
        for directory, argv in release.configure:
            b.run(*(a.format(host=b.triple, build=build_triple()) for a in argv),
                  cwd=os.path.join(top, directory))

        def compile_unit(unit, extra=()):
            flags = list(release.cflags) + list(release.target_flags.get(b.target.name, ()))
            incs = [f'-I{os.path.normpath(os.path.join(top, d))}'
                    for d in unit.include_dirs + release.include_dirs]
            incs += [f'-I{d}' for d in include_dirs]
            out = []
            for rel in expand(top, unit.sources, module.PATH):
                src = os.path.join(top, rel)
                obj = os.path.join(b.workdir, 'modules', f'{module.NAME}-{next(numbers)}')
                if rel.endswith(CXX_SUFFIXES):
                    cmd = [b.env['CXX'], *cxxflags.split(), *release.cxxflags]
                    obj += CXX_OBJECT
                else:
                    cmd = [b.env['CC'], *cflags.split()]
                    obj += '.o'
                b.run(*cmd, *flags, *unit.cflags, *extra, *incs, f'-I{os.path.dirname(src)}',
                      '-c', src, '-o', obj)
                out.append(obj)
            return out

        for unit in (Unit(release.sources),) + tuple(release.units):
            objects += compile_unit(unit)
        for lib in release.native_libraries:
            if lib.targets and b.target.name not in lib.targets:
                continue
            # ld -r needs machine code: never LTO's intermediate language.
            compiled = compile_unit(Unit(lib.sources, cflags=lib.cflags), ('-fno-lto',))
            obj, symbols = native_object(b, compiled, f'sp_lib{len(natives)}_')
            objects.append(obj)
            natives.append((lib.name, symbols))
        entries += sorted(release.builtins.items())
        for rel in release.python_parts:
            parts.append((os.path.join(top, rel), os.path.basename(rel.rstrip('/'))))
    return objects, entries, parts, natives


def native_object(b, compiled, prefix):
    """One relocatable object of a native library's objects, whose global symbols are
    renamed `prefix`<name>. Returns (its path, [(name, new name)] sorted by name). Names
    that begin with two underscores stay: the compiler's own helpers (i386's PC thunks, in
    COMDAT groups that the link merges), never a library's API."""
    tool = lambda name: toolchain.tool(b.toolchain, b.triple, name)
    merged = compiled[0][:-len('.o')] + '-lib.o'
    b.run(tool('ld'), '-r', '-o', merged, *compiled)
    names = sorted(n for n in exports.defined_symbols(b.output(tool('nm'), '-g',
                                                               '--defined-only', merged))
                   if not n.startswith('__'))
    renames = merged[:-len('.o')] + '.renames'
    with open(renames, 'w') as f:
        f.writelines(f'{n} {prefix}{n}\n' for n in names)
    b.run(tool('objcopy'), f'--redefine-syms={renames}', merged)
    return merged, [(n, prefix + n) for n in names]


def natives_header(natives):
    """staticpython_natives.h: for src/staticpython_dlfcn.c, sp_libraries[] (ended by a NULL
    name), each library's symbols sorted by name (strcmp order) for bsearch()."""
    lines = ['/* Written by the StaticPython build (site_scons/staticpython/extmodules.py): the',
             ' * native libraries compiled in, which dlopen() of their dotted name finds. */',
             'struct sp_library { const char *name; const struct sp_export *symbols; '
             'size_t count; };', '']
    for i, (_, symbols) in enumerate(natives):
        lines += [f'extern char {new}[];' for _, new in symbols]
        lines += [f'static const struct sp_export sp_lib{i}[] = {{']
        lines += [f'    {{"{name}", {new}}},' for name, new in symbols]
        lines += ['};', '']
    lines += ['static const struct sp_library sp_libraries[] = {']
    lines += [f'    {{"{name}", sp_lib{i}, {len(symbols)}}},'
              for i, (name, symbols) in enumerate(natives)]
    lines += ['    {NULL, NULL, 0}', '};', '']
    return '\n'.join(lines)


def patch_files(module, release, root=None):
    """The patches of a module's release, patches/<NAME>/<version>/*.patch, sorted, as
    paths in the repo (as module.PATH is)."""
    root = root or _root()
    return [os.path.relpath(p, root) for p in sorted(glob.glob(
        os.path.join(root, 'patches', module.NAME, release.version, '*.patch')))]


def expand(top, patterns, where=''):
    """The C and C++ files `patterns` name in the tree `top` (paths or glob patterns), in
    order, each pattern's matches sorted; StepError for one that names none."""
    out = []
    for pattern in patterns:
        found = sorted(os.path.relpath(p, top) for p in glob.glob(os.path.join(top, pattern)))
        if not found:
            raise steps.StepError(f'{where}: {pattern} names no file in the sdist')
        bad = [f for f in found if not f.endswith(C_SUFFIXES + CXX_SUFFIXES)]
        if bad:
            raise steps.StepError(f'{where}: {", ".join(bad)} is neither C nor C++')
        out += [f for f in found if f not in out]
    return out


def copy_python_parts(parts, lib):
    """The extensions' Python parts into the library directory `lib`."""
    for path, name in parts:
        if os.path.isdir(path):
            shutil.copytree(path, os.path.join(lib, name), dirs_exist_ok=True,
                            ignore=_ignore)
        else:
            shutil.copy2(path, os.path.join(lib, name))


def _ignore(directory, names):
    return {n for n in names
            if (n in SKIP_DIRS and os.path.isdir(os.path.join(directory, n)))
            or any(fnmatch.fnmatchcase(n, p) for p in SKIP_FILES)}


def top_level_imports(names, python_version, modules=None):
    """The packages or modules the chosen extensions' built-in modules and native libraries
    belong to: what the new interpreter's first start imports to show they work
    (greenlet._greenlet: greenlet)."""
    out = []
    for _, release in chosen(names, python_version, modules):
        for name in sorted(release.builtins) + sorted(n.name for n in release.native_libraries):
            if name.split('.')[0] not in out:
                out.append(name.split('.')[0])
    return tuple(out)
