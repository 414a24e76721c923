"""The CPython recipe's data: Setup.local from the flavor, and which stdlib files ship."""

from staticpython.flavors import FLAVORS
from staticpython import cpython
from staticpython.recipes import cpython313
from stdlib_copies import copied_stdlib


def test_setup_local_builds_everything_in_and_disables_the_flavor_exclusions():
    flavor = FLAVORS['python3.13']
    text = cpython.setup_local(cpython313, flavor)
    lines = text.splitlines()
    assert '*static*' in lines and '*shared*' not in lines
    disabled = lines[lines.index('*disabled*') + 1:]
    assert disabled == sorted(flavor.excluded_modules)
    assert {'_tkinter', '_testcapi', 'xxlimited'} <= set(disabled)


def test_required_and_excluded_modules_do_not_overlap():
    for flavor in FLAVORS.values():
        assert not set(flavor.required_modules) & set(flavor.excluded_modules)


def test_copy_stdlib_leaves_out_tests_gui_and_bytecode(tmp_path):
    got = copied_stdlib(cpython313, tmp_path, (
        'os.py', 'json/__init__.py', 'json/tests/t.py', 'test/test_os.py', 'idlelib/x.py',
        'tkinter/__init__.py', 'turtle.py', 'turtledemo/a.py', '__pycache__/os.cpython-313.pyc',
        'ensurepip/_bundled/pip.whl', 'ctypes/__init__.py', 'lib2/idle_test/t.py'))
    assert got == ['ctypes/__init__.py', 'ensurepip/_bundled/pip.whl', 'json/__init__.py',
                   'os.py']


def test_build_info_names_the_c_library_and_its_recipe_version():
    from staticpython.recipes import musl
    from staticpython.targets import TARGETS
    text = cpython.build_info(FLAVORS['python3.13'], TARGETS['linux-x86_64'], 'musl')
    facts = {}
    exec(text, facts)
    assert facts['LIBC'] == ('musl', musl.VERSION)
    assert facts['FLAVOR'] == 'python3.13' and facts['TARGET'] == 'linux-x86_64'


def test_test_suite_variant_builds_the_test_modules_in():
    release, suite = FLAVORS['python3.13'], FLAVORS['python3.13'].for_test_suite()
    assert suite.name == 'python3.13-regrtest' and suite.test_suite and not release.test_suite
    assert {'_testcapi', '_testinternalcapi', '_ctypes_test'} <= set(suite.required_modules)
    assert not set(suite.excluded_modules) & set(release.test_modules)
    assert '_tkinter' in suite.excluded_modules
    lines = cpython.setup_local(cpython313, suite).splitlines()
    static = lines[lines.index('*static*') + 1:lines.index('*disabled*')]
    # the test modules Setup.stdlib would build shared only are built in
    assert '_testmultiphase _testmultiphase.c' in static
    assert '_ctypes_test _ctypes/_ctypes_test.c' in static


def test_flavors_find_knows_the_test_suite_variants():
    from staticpython import flavors
    assert flavors.find('python3.13') is FLAVORS['python3.13']
    assert flavors.find('python3.13-regrtest') == FLAVORS['python3.13'].for_test_suite()
    assert flavors.find('python9.9-regrtest') is None and flavors.find('nonesuch') is None
