"""CPython 3.2 as recipe data: its source pins (a git tag's export, or that tar xz-compressed),
its Setup.local against the flavor's required modules, its standard library's selection,
and the refusal of a target this machine cannot run."""
import os

from staticpython import cpython, options, sources
from staticpython.flavors import FLAVORS
from staticpython.recipes import cpython32
from stdlib_copies import copied_stdlib

FLAVOR = FLAVORS['python3.2']


def test_source_is_the_tag_export_or_that_tar_compressed():
    tar, xz = cpython32.SOURCES
    url, tag, commit = tar.git
    assert (tag, len(commit)) == ('v3.2.6', 40)
    assert tar.filename == 'Python-3.2.6.tar' and not tar.urls and not tar.pool
    assert xz.filename == tar.filename + '.xz' and not xz.git
    # The local copy's README names both hashes: the tar's is the one git reproduces.
    readme = os.path.join(os.path.dirname(cpython.__file__), '..', '..', '..', 'shared',
                          'sources', 'README.md')
    if os.path.exists(readme):
        text = open(readme).read()
        assert tar.sha256 in text and xz.sha256 in text and commit in text


def test_setup_local_of_32_has_variables_first_and_no_disabled_section():
    lines = cpython.setup_local(cpython32, FLAVOR).splitlines()
    static = lines.index('*static*')
    assert [l.split('=')[0] for l in lines[1:static]] == ['SQLITE_DEFS', 'CURSES_DEFS',
                                                          'EXPAT_DEFS']
    assert '*disabled*' not in lines
    assert not any('=' in l.split()[0] for l in lines[static + 1:] if l.strip())


def test_32_flavor_requires_what_its_setup_local_and_setup_build():
    listed = {line.split()[0] for line in cpython32.SETUP_STATIC}
    from_setup = {'_codecs', '_collections', '_functools', '_io', '_locale', '_sre',
                  '_symtable', '_weakref', 'errno', 'itertools', 'operator', 'posix', 'pwd',
                  'zipimport'}
    ssl = {'_ssl', '_hashlib'}
    assert set(FLAVOR.required_modules) == (listed - ssl) | from_setup
    # The original StaticPython's python3.2 modules.
    assert {'readline', '_curses', '_sqlite3', 'bz2', 'zlib', 'pyexpat', '_codecs_jp',
            '_multiprocessing', 'select', 'mmap', 'crypt', 'spwd', '_ctypes'} <= listed
    assert ssl <= set(FLAVOR.excluded_modules)
    assert not {'openssl', 'xz', 'certifi', 'tzdata'} & set(FLAVOR.libraries)
    # stacklessxl3.2: the same and ssl, with OpenSSL and the CA bundle of patch 0024
    xl = FLAVORS['stacklessxl3.2']
    assert set(xl.required_modules) == listed | from_setup | {'_stackless'}
    assert not ssl & set(xl.excluded_modules)
    assert {'openssl', 'certifi'} <= set(xl.libraries)
    assert not {'xz', 'tzdata'} & set(xl.libraries)


def test_setup_local_of_32_lists_ssl_only_for_a_flavor_with_openssl():
    """3.2's makesetup has no *disabled* section: an excluded module is left out."""
    def modules(flavor):
        lines = cpython.setup_local(cpython32, flavor).splitlines()
        return {l.split()[0] for l in lines[lines.index('*static*') + 1:] if l.strip()}
    assert not {'_ssl', '_hashlib'} & modules(FLAVOR)
    assert not {'_ssl', '_hashlib'} & modules(FLAVORS['stackless3.2'])
    assert {'_ssl', '_hashlib'} <= modules(FLAVORS['stacklessxl3.2'])
    assert modules(FLAVORS['stacklessxl3.2']) - modules(FLAVOR) == {'_ssl', '_hashlib'}


def test_copy_stdlib_of_32_leaves_out_tests_tk_and_platform_dirs(tmp_path):
    got = copied_stdlib(cpython32, tmp_path, (
        'os.py', 'json/__init__.py', 'json/tests/t.py', 'tkinter/__init__.py',
        'plat-linux2/IN.py', 'idlelib/x.py', 'test/t.py', 'turtle.py',
        'json/__pycache__/x.cpython-32.pyc', 'x.pyo', 'concurrent/futures/_base.py'))
    assert got == ['concurrent/futures/_base.py', 'json/__init__.py', 'os.py']


def test_a_damaged_local_copy_is_named_and_git_tried_next(tmp_path, monkeypatch):
    tar, xz = cpython32.SOURCES
    local = tmp_path / 'local'
    local.mkdir()
    (local / xz.filename).write_bytes(b'not the release')
    tried = []

    def git_archive(src, dest_dir):
        tried.append(src.filename)
        raise sources.FetchError('no network here')

    monkeypatch.setattr(sources, '_git_archive', git_archive)
    try:
        sources.fetch(cpython32.SOURCES, str(tmp_path / 'cache'), archive_uris=[],
                      local=[str(local)], session=object())
    except sources.FetchError as e:
        text = str(e)
    else:
        raise AssertionError('a damaged local copy was accepted')
    assert tried == [tar.filename]
    assert f'{local}/{xz.filename}: size 15 bytes' in text      # named, and left alone
    assert (local / xz.filename).exists()
    assert 'git archive of https://github.com/python/cpython.git v3.2.6: no network here' in text
