"""CPython 2.7 as recipe data: its Setup.local, its standard library's selection and ZIP
writer, its export table's sources, and the refusal of a target this machine cannot run."""
import os
import zipfile

from staticpython import cpython, exports, options, recipes, stdlib_zip_pre33
from staticpython.flavors import FLAVORS
from staticpython.targets import TARGETS
from staticpython.recipes import cpython27
from stdlib_copies import copied_stdlib

RECIPES = recipes.load()
INTERPRETERS = [r for r in RECIPES.values() if r.KIND == 'interpreter']
# What cpython.build() and the graph read from every version's recipe.
VERSION_DATA = ('CONFIGURE', 'OPENSSL_OPTIONS', 'TEST_MODULE_OPTIONS', 'PGO', 'OPT', 'CFLAGS',
                'SETUP_VARIABLES', 'SETUP_STATIC', 'SETUP_DISABLED', 'INCLUDE_DIRS',
                'CONFIGURE_ENV', 'LIBPYTHON', 'LIBDIR', 'PROGRAM', 'PROGRAM_DIR',
                'LINK_VARIABLE', 'EXPORT_HEADER_DIRS', 'STABLE_ABI', 'OUR_FILES',
                'ZIP_WRITER', 'ISOLATED', 'CROSS_BUILD', 'CROSS_CONFIGURE', 'CROSS_MAKE',
                'CROSS_DOUBLE_ORDER', 'CROSS_ANSWERS', 'EXTENSION_INCLUDE_DIRS', 'STDLIB_SKIP_DIRS',
                'SHARED_ONLY_TEST_MODULES', 'PERF_TRAMPOLINE_CPUS',
                'TEST_SUITE_EXPORTS', 'PACKAGE_TESTS', 'REFERENCE_PATCHES',
                'REFERENCE_CONFIGURE', 'LIBRARY_BUILD_STEPS', 'TEST_SUITE_FILES')


def test_every_version_states_all_its_data():
    for r in INTERPRETERS:
        missing = [name for name in VERSION_DATA if not hasattr(r, name)]
        assert not missing, (r.NAME, missing)
        assert os.path.isfile(os.path.join(cpython.__file__.rsplit('/site_scons/', 1)[0],
                                           r.ZIP_WRITER)), r.ZIP_WRITER


def test_setup_local_of_27_has_its_variables_first_and_no_disabled_section():
    flavor = FLAVORS['python2.7']
    lines = cpython.setup_local(cpython27, flavor).splitlines()
    static = lines.index('*static*')
    assert [l.split('=')[0] for l in lines[1:static]] == ['SQLITE_DEFS', 'CURSES_DEFS']
    assert '*disabled*' not in lines        # 2.7's makesetup has no such section
    assert not any('=' in l.split()[0] for l in lines[static + 1:] if l.strip())


def test_27_flavor_requires_what_its_setup_local_and_setup_build():
    listed = {line.split()[0] for line in cpython27.SETUP_STATIC}
    from_setup = {'_codecs', '_sre', '_symtable', '_weakref', 'errno', 'posix', 'pwd',
                  'zipimport'}
    required = set(FLAVORS['python2.7'].required_modules)
    assert required == (listed | from_setup)
    assert {'readline', '_curses', '_sqlite3', 'bz2', 'zlib', 'pyexpat', '_codecs_jp',
            '_multiprocessing', 'select', 'mmap', 'crypt', 'spwd', '_ctypes', '_ssl',
            '_hashlib'} <= required
    assert not {'xz', 'libuuid', 'tzdata'} & set(FLAVORS['python2.7'].libraries)
    assert 'certifi' in FLAVORS['python2.7'].libraries    # the CA bundle of patch 0008


def test_test_suite_variant_of_27_lists_the_test_modules():
    lines = cpython.setup_local(cpython27, FLAVORS['python2.7'].for_test_suite()).splitlines()
    assert '_testcapi _testcapimodule.c' in lines


def test_copy_stdlib_of_27_leaves_out_tests_tk_and_platform_dirs(tmp_path):
    got = copied_stdlib(cpython27, tmp_path, (
        'os.py', 'json/__init__.py', 'json/tests/t.py', 'lib-tk/Tkinter.py',
        'plat-linux2/IN.py', 'plat-darwin/x.py', 'idlelib/x.py', 'test/t.py', 'os.pyc', 'x.pyo',
        'ensurepip/__init__.py'))
    assert got == ['ensurepip/__init__.py', 'json/__init__.py', 'os.py']


def test_exports_without_a_stable_abi_file_read_the_headers_named(tmp_path):
    (tmp_path / 'Include').mkdir()
    (tmp_path / 'Include' / 'object.h').write_text(
        'PyAPI_FUNC(void) Py_IncRef(PyObject *);\nPyAPI_DATA(int) Py_DebugFlag;\n')
    names = exports.declared_names(str(tmp_path), cpython27.EXPORT_HEADER_DIRS,
                                   cpython27.STABLE_ABI)
    assert names == {'Py_IncRef', 'Py_DebugFlag'}


def test_exports_of_the_unicode_api_are_the_renamed_symbols(tmp_path):
    """2.7's unicodeobject.h renames PyUnicode_X to the symbol of the build's width: both
    widths are declared, the static library's symbols choose."""
    (tmp_path / 'Include').mkdir()
    (tmp_path / 'Include' / 'unicodeobject.h').write_text(
        '#ifndef Py_UNICODE_WIDE\n# define PyUnicode_FromString PyUnicodeUCS2_FromString\n'
        '#else\n# define PyUnicode_FromString PyUnicodeUCS4_FromString\n'
        '# define _PyUnicode_IsAlpha _PyUnicodeUCS4_IsAlpha\n#endif\n'
        '#define PyUnicode_Check(op) PyType_FastSubclass(Py_TYPE(op), 1)\n'
        'PyAPI_FUNC(PyObject*) PyUnicode_FromString(const char *u);\n')
    names = exports.declared_names(str(tmp_path), cpython27.EXPORT_HEADER_DIRS,
                                   cpython27.STABLE_ABI)
    assert names == {'PyUnicode_FromString', 'PyUnicodeUCS2_FromString',
                     'PyUnicodeUCS4_FromString', '_PyUnicodeUCS4_IsAlpha'}


def test_stdlib_zip_pre33_writes_sorted_fixed_entries_with_their_pyc(tmp_path):
    root = tmp_path / 'lib'
    (root / 'json').mkdir(parents=True)
    (root / 'json' / '__init__.py').write_text('X = 1\r\n')
    (root / 'os.py').write_text('Y = 2')
    (root / 'data.txt').write_text('text')
    out = tmp_path / 'stdlib.zip'
    magic = b'\x03\xf3\r\n'                    # 2.7's (62211)
    assert stdlib_zip_pre33.write(str(root), str(out), 9, magic) == []
    with zipfile.ZipFile(out) as z:
        infos = z.infolist()
        pyc = z.read('os.pyc')
    assert [i.filename for i in infos] == ['data.txt', 'json/__init__.py', 'json/__init__.pyc',
                                           'os.py', 'os.pyc']
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    # names flagged UTF-8: 3.2's zipimport decodes the others with cp437, from this ZIP
    assert all(i.flag_bits & 0x800 for i in infos)
    assert pyc[:4] == magic and int.from_bytes(pyc[4:8], 'little') == 315532800


def test_stdlib_zip_pre33_reports_what_does_not_compile(tmp_path):
    (tmp_path / 'bad.py').write_text('def (:\n')
    errors = stdlib_zip_pre33.write(str(tmp_path), str(tmp_path / 'z.zip'), 9, b'\0\0\r\n')
    assert len(errors) == 1 and errors[0].startswith('bad.py: ')


def test_a_version_without_cross_build_refuses_a_foreign_target_in_one_line(monkeypatch):
    monkeypatch.setattr(cpython27, 'CROSS_BUILD', False)
    why = options.unsupported('python2.7', 'linux-aarch64', machine='x86_64')
    assert why and '\n' not in why
    assert 'linux-x86_64, linux-i386' in why and 'linux-aarch64' in why
    assert options.unsupported('python2.7', 'linux-i386', machine='x86_64') is None


def test_every_version_cross_builds_for_every_target_its_flavor_names():
    for flavor in FLAVORS:
        for target in FLAVORS[flavor].targets or TARGETS:
            assert options.unsupported(flavor, target, machine='x86_64') is None, (flavor, target)


class _Builder(object):
    """What cpython.cross_answers() reads of a build: the recipe, the target, the compiler's
    predefined macros."""

    def __init__(self, recipe, target, wchar_min):
        self.recipe, self.target = recipe, TARGETS[target]
        self.env = {'CC': 'cc'}
        self._macros = f'#define __WCHAR_MAX__ 0x7fffffff\n#define __WCHAR_MIN__ {wchar_min}\n'

    def output(self, *args):
        return self._macros


def test_old_versions_answer_the_order_of_doubles_by_the_target():
    little = cpython.cross_answers(_Builder(cpython27, 'linux-aarch64', '(-0x7fffffff - 1)'))
    big = cpython.cross_answers(_Builder(cpython27, 'linux-s390x', '0U'))
    assert (little['ac_cv_little_endian_double'], little['ac_cv_big_endian_double']) == ('yes', 'no')
    assert (big['ac_cv_little_endian_double'], big['ac_cv_big_endian_double']) == ('no', 'yes')
    assert little['ac_cv_wchar_t_signed'] == 'yes' and big['ac_cv_wchar_t_signed'] == 'no'
    assert little['ac_cv_tanh_preserves_zero_sign'] == 'yes'
    new = cpython.cross_answers(_Builder(RECIPES['cpython3.13'], 'linux-s390x', '0U'))
    assert 'ac_cv_big_endian_double' not in new       # 3.x asks its compiler


def test_cross_make_arguments_name_the_runner_and_keep_3_2s_grammar():
    from staticpython.recipes import cpython32
    assert [a.format(runner='qemu') for a in cpython27.CROSS_MAKE] == [
        'PYTHON_FOR_BUILD=qemu ./$(BUILDPYTHON) -E']
    assert '--old-file=Parser/pgen.stamp' in cpython32.CROSS_MAKE
    assert RECIPES['cpython3.13'].CROSS_MAKE == ()
