"""The C extensions of modules/ as data: loading, the release each Python gets, the `modules`
option's errors, flavors named for added modules, and the inittab our main() extends."""
import pytest

from staticpython import extmodules, flavors, options, recipes
from staticpython.flavors import FLAVORS

MODULES = extmodules.load()
VERSIONS = {name: r.VERSION for name, r in recipes.load().items()}


def test_every_module_file_states_its_data_and_pins_its_sdists():
    assert 'greenlet' in MODULES
    for m in MODULES.values():
        assert m.RELEASES and m.LICENSE and m.SUMMARY
        for r in m.RELEASES:
            assert len(r.source.sha256) == 64
            assert r.source.pip.endswith('==' + r.version) or r.source.index
            assert bool(r.sources or r.units) == bool(r.builtins), (m.NAME, r.version)
            assert r.sources or r.units or r.python_parts
            assert all(s.endswith(extmodules.C_SUFFIXES + extmodules.CXX_SUFFIXES)
                       for s in r.sources)
            extmodules.accepts(r.python, '3.13.1')          # the range parses


@pytest.mark.parametrize('spec,version,ok', [
    ('>=3.10', '3.13.15', True), ('>=3.10', '3.2.6', False), ('==2.7', '2.7.18', True),
    ('==2.7', '3.11.2', False), ('>=3.5,<3.12', '3.11.2', True), ('>=3.5,<3.12', '3.13.5', False),
    ('!=3.2', '3.2.6', False),
])
def test_a_release_range_is_compared_by_series(spec, version, ok):
    assert extmodules.accepts(spec, version) is ok


def test_a_bad_range_is_named():
    with pytest.raises(ValueError, match="'~3.10'"):
        extmodules.accepts('~3.10', '3.13.1')


@pytest.mark.parametrize('python,version', [
    ('3.13.15', '3.5.6'), ('3.11.2', '3.5.6'), ('2.7.18', '2.0.2'), ('3.2.6', '0.4.17')])
def test_greenlet_gives_each_python_its_newest_release(python, version):
    assert extmodules.release_for(MODULES['greenlet'], python).version == version


def test_every_flavor_has_a_release_of_each_of_its_modules():
    for f in FLAVORS.values():
        assert 'greenlet' in f.extra_modules, f.name
        assert extmodules.chosen(f.extra_modules, VERSIONS[f.interpreter]), f.name


def test_an_unknown_module_names_the_valid_ones():
    with pytest.raises(ValueError) as e:
        extmodules.chosen(('greenlet', 'nosuch'), '3.13.15')
    assert 'nosuch' in str(e.value) and 'greenlet' in str(e.value)
    problems = options.errors({'modules': 'nosuch'})
    assert len(problems) == 1 and 'valid modules: ' in problems[0] and '\n' not in problems[0]


def test_a_module_without_a_release_for_the_python_says_so_in_one_line(tmp_path):
    (tmp_path / 'modules').mkdir()
    (tmp_path / 'modules' / 'newonly.py').write_text(
        'from staticpython.extmodules import Release\n'
        'from staticpython.sources import Source\n'
        "NAME = 'newonly'\nLICENSE = 'MIT'\nSUMMARY = 's'\nLIBRARIES = ()\n"
        "RELEASES = (Release(version='1.0', python='>=3.10', source=Source('n-1.0.tar.gz', 1, "
        "'0' * 64, pip='newonly==1.0'), sources=('n.c',), builtins={'newonly': 'newonly'}),)\n")
    mods = extmodules.load(str(tmp_path))
    with pytest.raises(ValueError) as e:
        extmodules.chosen(('newonly',), '2.7.18', mods)
    assert str(e.value) == ('module newonly has no release for Python 2.7.18 '
                            '(its releases: 1.0: Python >=3.10)')
    assert extmodules.chosen(('newonly',), '3.11.2', mods)[0][1].version == '1.0'


def test_a_module_file_without_its_data_is_refused(tmp_path):
    (tmp_path / 'modules').mkdir()
    (tmp_path / 'modules' / 'half.py').write_text("NAME = 'half'\n")
    with pytest.raises(ValueError, match='modules/half.py lacks LICENSE'):
        extmodules.load(str(tmp_path))


def test_added_modules_name_the_flavor_and_find_resolves_the_name():
    base = FLAVORS['python3.13']
    added = base.with_modules(('msgpack', 'greenlet', 'msgpack'))
    assert added.name == 'python3.13+msgpack'
    assert added.extra_modules == base.extra_modules + ('msgpack',)
    assert base.with_modules(('greenlet',)) is base
    assert flavors.find('python3.13+msgpack') == added
    assert flavors.find('python3.13+msgpack-regrtest') == added.for_test_suite()
    assert flavors.find('python9+msgpack') is None
    assert options.flavor({'flavor': 'python3.13', 'modules': ' msgpack , '}) == added


def test_the_inittab_header_declares_each_init_function_of_its_python():
    entries = [('greenlet._greenlet', '_greenlet')]
    three = extmodules.inittab_header(entries, 3)
    assert 'extern PyObject *PyInit__greenlet(void);' in three
    assert '{"greenlet._greenlet", PyInit__greenlet},' in three
    two = extmodules.inittab_header(entries, 2)
    assert 'extern void init_greenlet(void);' in two and '{"greenlet._greenlet", init_greenlet},' in two
    empty = extmodules.inittab_header([], 3)
    assert '{NULL, NULL}' in empty and 'if (0 &&' in empty


def test_the_first_start_imports_the_packages_of_the_built_in_modules():
    assert extmodules.top_level_imports(('greenlet',), '3.13.15') == ('greenlet',)
    assert extmodules.top_level_imports(('greenlet',), '3.2.6') == ('greenlet',)


def test_unit_patterns_expand_sorted_and_refuse_what_is_not_there(tmp_path):
    from staticpython.steps import StepError
    for name in ('lib/b.c', 'lib/a.c', 'lib/x.h', 'top.cpp'):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text('')
    assert extmodules.expand(str(tmp_path), ('top.cpp', 'lib/*.c')) == ['top.cpp', 'lib/a.c',
                                                                         'lib/b.c']
    with pytest.raises(StepError, match='lib/none/\\*.c names no file'):
        extmodules.expand(str(tmp_path), ('lib/none/*.c',), 'modules/m.py')
    with pytest.raises(StepError, match='lib/x.h is neither C nor C\\+\\+'):
        extmodules.expand(str(tmp_path), ('lib/*',), 'modules/m.py')


def test_a_module_brings_what_it_requires_first():
    assert extmodules.with_requirements(('gevent', 'msgpack'), MODULES) == (
        'greenlet', 'zope.event', 'zope.interface', 'gevent', 'msgpack')
    names = [m.NAME for m, _ in extmodules.chosen(('gevent',), '3.13.15')]
    assert names == ['greenlet', 'zope.event', 'zope.interface', 'gevent']


def test_gevent_names_each_of_its_built_in_modules_once():
    gevent = extmodules.release_for(MODULES['gevent'], '3.13.15')
    inits = list(gevent.builtins.values())
    assert len(inits) == len(set(inits)) == 15
    assert 'gevent.libev.corecext' in gevent.builtins and 'gevent.resolver.cares' in gevent.builtins


def test_the_zip_has_directory_entries_for_namespace_packages_only(tmp_path):
    import zipfile
    from staticpython import stdlib_zip
    for name in ('zope/interface/__init__.py', 'zope/event/__init__.py', 'ns/a/b/m.py',
                 'os.py', 'json/__init__.py', 'json/decoder.py', 'data/only.txt'):
        (tmp_path / 'lib' / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / 'lib' / name).write_text('x = 1\n')
    assert stdlib_zip.namespace_dirs(n for n, _ in stdlib_zip.files(str(tmp_path / 'lib'))) \
        == ['ns', 'ns/a', 'ns/a/b', 'zope']
    out = tmp_path / 'l.zip'
    assert stdlib_zip.write(str(tmp_path / 'lib'), str(out), 9, False) == []
    names = zipfile.ZipFile(out).namelist()
    assert [n for n in names if n.endswith('/')] == ['ns/', 'ns/a/', 'ns/a/b/', 'zope/']
    assert 'data/' not in names and 'json/' not in names
    assert names == sorted(names)          # the directory entries in their place


def test_the_first_start_imports_each_package_once():
    assert extmodules.top_level_imports(('gevent',), '3.13.15') == ('greenlet', 'zope', 'gevent')


def test_python_2_7_gets_the_last_gevent_and_zope_releases_for_it():
    chosen = {m.NAME: r.version for m, r in extmodules.chosen(('gevent',), '2.7.18')}
    assert chosen == {'greenlet': '2.0.2', 'zope.event': '4.6', 'zope.interface': '5.5.2',
                      'gevent': '22.10.2'}
    old, new = (extmodules.release_for(MODULES['gevent'], v) for v in ('2.7.18', '3.13.15'))
    assert old.builtins == new.builtins and old.sources == new.sources
    assert extmodules.top_level_imports(('gevent',), '2.7.18') == ('greenlet', 'zope', 'gevent')


def test_a_release_takes_the_patches_of_its_directory_sorted(tmp_path):
    release = MODULES['zope.event'].RELEASES[0]
    d = tmp_path / 'patches' / 'zope.event' / release.version
    d.mkdir(parents=True)
    for name in ('0002-b.patch', '0001-a.patch', 'README'):
        (d / name).write_text('')
    assert extmodules.patch_files(MODULES['zope.event'], release, str(tmp_path)) == [
        f'patches/zope.event/{release.version}/0001-a.patch',
        f'patches/zope.event/{release.version}/0002-b.patch']
    assert extmodules.patch_files(MODULES['gevent'], release, str(tmp_path)) == []


def test_every_patch_directory_of_a_module_names_one_of_its_releases():
    import os
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for m in MODULES.values():
        top = os.path.join(root, 'patches', m.NAME)
        versions = sorted(os.listdir(top)) if os.path.isdir(top) else []
        assert set(versions) <= {r.version for r in m.RELEASES}, (m.NAME, versions)
    # the 2.7 zope releases: a namespace package without pkg_resources
    for name in ('zope.event', 'zope.interface'):
        r = extmodules.release_for(MODULES[name], '2.7.18')
        assert len(extmodules.patch_files(MODULES[name], r)) == 1, name
def test_the_first_start_imports_the_packages_of_native_libraries():
    assert extmodules.top_level_imports(('pycryptodome',), '3.13.15') == ('Crypto',)


def test_native_libraries_name_files_of_their_sdist_and_cpu_libraries_their_targets():
    from staticpython.targets import TARGETS
    release = extmodules.release_for(MODULES['pycryptodome'], '3.13.15')
    names = [lib.name for lib in release.native_libraries]
    assert len(names) == len(set(names)) and 'Crypto.Cipher._raw_aes' in names
    for lib in release.native_libraries:
        assert lib.sources and all(s.startswith('src/') and s.endswith('.c') for s in lib.sources)
        assert set(lib.targets) <= set(TARGETS), lib.name
        assert bool(lib.targets) == bool(lib.cflags), lib.name    # CPU-specific: its flags
    assert set(release.target_flags) == set(TARGETS)


def test_a_module_release_takes_the_patches_of_its_version_directory():
    module = MODULES['pycryptodome']
    release = extmodules.release_for(module, '3.13.15')
    found = extmodules.patch_files(module, release)
    assert found and all(f'patches/pycryptodome/{release.version}/' in p for p in found)
    assert extmodules.patch_files(MODULES['msgpack'], MODULES['msgpack'].RELEASES[0]) == []


DLFCN_MAIN = r'''
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
int sp_lib0_twice(int x) { return 2 * x; }
int sp_lib0_value = 42;
int sp_lib1_twice(int x) { return 3 * x; }
int main(void) {
    void *a = dlopen("Pkg.one", RTLD_NOW), *b = dlopen("Pkg.two", RTLD_NOW);
    int (*twice)(int) = (int (*)(int))dlsym(a, "twice");
    int (*other)(int) = (int (*)(int))dlsym(b, "twice");
    int *value = dlsym(a, "value");
    if (!a || !b || a == b || !twice || !other || !value) return 1;
    printf("%d %d %d\n", twice(5), other(5), *value);
    printf("%s\n", dlsym(b, "value") ? "found" : dlerror());
    printf("%s\n", dlopen("Pkg.three", RTLD_NOW) ? "opened" : dlerror());
    printf("%d %d\n", dlclose(a), dlsym(NULL, "sp_exported") != NULL);
    return 0;
}
'''


def test_dlopen_of_a_native_library_name_finds_its_symbols_and_nothing_else(tmp_path):
    """src/staticpython_dlfcn.c with a generated natives table, compiled and run with the
    build machine's C compiler (dynamic: its dlopen() is the C library's behind ours)."""
    import os
    import shutil
    import subprocess
    if not shutil.which('cc'):
        pytest.skip('no C compiler on this machine')
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    (tmp_path / 'staticpython_exports.h').write_text(
        'struct sp_export { const char *name; void *address; };\n'
        'extern char sp_exported[];\n'
        'static const struct sp_export sp_exports[] = {{"sp_exported", sp_exported}};\n')
    (tmp_path / extmodules.NATIVES_HEADER).write_text(extmodules.natives_header([
        ('Pkg.one', [('twice', 'sp_lib0_twice'), ('value', 'sp_lib0_value')]),
        ('Pkg.two', [('twice', 'sp_lib1_twice')])]))
    (tmp_path / 'main.c').write_text(DLFCN_MAIN + 'char sp_exported[1];\n')
    wraps = ','.join(f'--wrap={n}' for n in ('dlopen', 'dlsym', 'dlclose', 'dlerror'))
    subprocess.run(['cc', '-Wall', '-Werror', f'-I{tmp_path}', '-o', str(tmp_path / 'prog'),
                    str(tmp_path / 'main.c'), os.path.join(repo, 'src', 'staticpython_dlfcn.c'),
                    f'-Wl,{wraps}', '-ldl'], check=True)
    out = subprocess.run([str(tmp_path / 'prog')], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[:2] == ['10 15 42', 'Pkg.two: undefined symbol: value'] and lines[3] == '0 1'
    assert lines[2].startswith('Pkg.three: ')        # the C library's reason, after the name
