"""recipes: every module's data, dependency order, and the pins against Debian's archive."""
import csv
import os
import re
import types
from urllib.parse import urlsplit

import pytest

from staticpython import mirrors, recipes
from staticpython.flavors import FLAVORS
from staticpython.sources import Source

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RECIPE_DIR = os.path.join(REPO, 'site_scons', 'staticpython', 'recipes')
TSV = os.path.join(os.path.dirname(REPO), 'shared', 'debian-orig-tarballs.tsv')

RECIPES = recipes.load()
FORMS = [(name, s) for name, r in RECIPES.items() for s in r.SOURCES]
POOL_FORMS = [(name, s) for name, s in FORMS if s.pool]


def test_load_returns_every_module():
    modules = sorted(f[:-3] for f in os.listdir(RECIPE_DIR)
                     if f.endswith('.py') and f != '__init__.py')
    assert len(RECIPES) == len(modules) > 0
    assert sorted(r.__name__.rsplit('.', 1)[1] for r in RECIPES.values()) == modules
    assert all(name == r.NAME for name, r in RECIPES.items())


@pytest.mark.parametrize('name', sorted(RECIPES))
def test_recipe_fields(name):
    r = RECIPES[name]
    for field in ('NAME', 'VERSION', 'LICENSE', 'SUMMARY'):
        value = getattr(r, field)
        assert isinstance(value, str) and value.strip(), field
    assert r.KIND in ('toolchain', 'part', 'library', 'data', 'interpreter')
    for part in getattr(r, 'PARTS', ()):
        assert RECIPES[part].KIND == 'part', part
    assert isinstance(r.SOURCES, tuple) and all(isinstance(s, Source) for s in r.SOURCES)
    assert isinstance(r.DEPENDS, tuple)
    assert isinstance(r.PRODUCTS, tuple) and r.PRODUCTS
    assert all(not p.startswith('/') for p in r.PRODUCTS)
    assert callable(r.build)


@pytest.mark.parametrize('name, src', FORMS, ids=[s.filename for _, s in FORMS])
def test_source_form(name, src):
    assert re.fullmatch(r'[0-9a-f]{64}', src.sha256), src.sha256
    assert src.filename and '/' not in src.filename and not src.filename.startswith('.')
    assert src.size is None or (isinstance(src.size, int) and src.size > 0)
    assert isinstance(src.urls, tuple)
    first = RECIPES[name].SOURCES[0]
    # The first form comes from somewhere on the network; another may be a local copy
    # only (a directory of $STATICPYTHON_SOURCES), e.g. the first form compressed.
    assert first.urls or first.pool or first.pip or first.git, 'no form can be fetched'
    if src.git:
        url, tag, commit = src.git
        assert url.startswith('https://') and tag and re.fullmatch(r'[0-9a-f]{40}', commit)
        assert src.filename.endswith('.tar') and isinstance(src.size, int)
    if src.pip:
        assert src.pip.startswith(src.filename.split('-')[0] + '==') and src.size, src.pip
    if src.pool:
        assert isinstance(src.size, int) and not isinstance(src.size, bool)
        assert src.pool.startswith('pool/main/')
        assert not src.pool.endswith('/') and '//' not in src.pool
    for url in src.urls:
        assert url.startswith(('https://', 'http://')), url


def test_filenames_unique_across_recipes():
    # one file, one source: recipes that build the same release share its Source
    # (gcc and gcc-uclibc)
    distinct = {id(s): s for _, s in FORMS}.values()
    names = [s.filename for s in distinct]
    assert len(names) == len(set(names))


def test_no_url_points_into_a_debian_archive():
    pools = {s.pool for _, s in POOL_FORMS}
    archive_hosts = {urlsplit(u).netloc for u in mirrors.archive_uris()}
    for name, s in FORMS:
        for url in s.urls:
            assert '/debian/' not in url, (name, url)
            assert '/pool/' not in url, (name, url)
            assert not any(url.endswith(p) for p in pools), (name, url)
            assert urlsplit(url).netloc not in archive_hosts, (name, url)


def test_every_part_is_built_by_one_toolchain_recipe():
    parts = [p for r in RECIPES.values() for p in getattr(r, 'PARTS', ())]
    assert sorted(parts) == sorted(n for n, r in RECIPES.items() if r.KIND == 'part')
    for r in RECIPES.values():
        assert not getattr(r, 'PARTS', ()) or r.KIND == 'toolchain', r.NAME


def test_depends_exist():
    for name, r in RECIPES.items():
        for dep in r.DEPENDS:
            assert dep in RECIPES, f'{name} depends on unknown {dep}'
            assert dep != name


def test_load_order_puts_dependencies_first():
    order = list(RECIPES)
    for name, r in RECIPES.items():
        for dep in r.DEPENDS:
            assert order.index(dep) < order.index(name)


def test_closure_orders_deps_before_dependents():
    assert recipes.closure(RECIPES, ['readline']) == ['ncurses', 'readline']
    assert recipes.closure(RECIPES, ['zlib']) == ['zlib']
    every = recipes.closure(RECIPES, ['readline', 'zlib', 'ncurses'])
    assert sorted(every) == ['ncurses', 'readline', 'zlib']
    assert every.index('ncurses') < every.index('readline')


def test_flavor_libraries_are_library_recipes():
    for flavor in FLAVORS.values():
        for lib in flavor.libraries:
            assert lib in RECIPES and RECIPES[lib].KIND in ('library', 'data'), (flavor.name, lib)
        assert RECIPES[flavor.interpreter].KIND == 'interpreter'


def fake(**deps):
    return {n: types.SimpleNamespace(DEPENDS=tuple(d)) for n, d in deps.items()}


def test_ordered_fake_registry():
    order = recipes._ordered(fake(app=['lib', 'base'], lib=['base'], base=[], other=[]))
    assert sorted(order) == ['app', 'base', 'lib', 'other']
    assert order.index('base') < order.index('lib') < order.index('app')


@pytest.mark.parametrize('registry', [
    fake(a=['b'], b=['a']),
    fake(a=['b'], b=['c'], c=['a']),
    fake(a=['a']),
], ids=['two', 'three', 'self'])
def test_ordered_cycle_raises(registry):
    with pytest.raises(ValueError, match='cycle'):
        recipes._ordered(registry)


def test_ordered_unknown_dep_raises():
    with pytest.raises(ValueError, match=r'a depends on unknown recipe zz'):
        recipes._ordered(fake(a=['zz']))


def _tsv_rows():
    with open(TSV, newline='') as f:
        return {row['pool_path']: row for row in csv.DictReader(f, delimiter='\t')}


@pytest.mark.skipif(not os.path.exists(TSV), reason=f'{TSV} is absent (shared Debian pool list)')
def test_pool_forms_match_debian_tarball_list():
    """The list names most pins (not the toolchain's sources): those it names must agree."""
    rows = _tsv_rows()
    listed = [(name, s) for name, s in POOL_FORMS if s.pool in rows]
    assert len(listed) >= len(POOL_FORMS) // 2, 'most pool pins should be in the list'
    for name, s in listed:
        row = rows[s.pool]
        assert int(row['size']) == s.size, (name, s.pool, row['size'], s.size)
        assert row['sha256'].lower() == s.sha256, (name, s.pool, row['sha256'], s.sha256)
