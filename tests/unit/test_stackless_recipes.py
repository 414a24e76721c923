"""The Stackless recipes and flavors: CPython 2.7's and 3.2's data with Stackless's source,
all of CPython's patches, the _stackless module required, and only the targets that
Stackless switches stacks for."""
import os

import pytest

from staticpython import options, patchset, recipes
from staticpython.flavors import FLAVORS
from staticpython.targets import TARGETS

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAIRS = [('stackless2.7', 'cpython2.7'), ('stackless3.2', 'cpython3.2')]


@pytest.mark.parametrize('fork, base', PAIRS)
def test_the_recipe_is_cpythons_but_for_the_source_and_patches(fork, base):
    registry = recipes.load()
    ours, theirs = registry[fork], registry[base]
    assert ours.SOURCES[0].git[0] == 'https://github.com/stackless-dev/stackless.git'
    assert ours.SOURCES[0].git[1] == f'v{ours.VERSION}-slp'
    assert ours.VERSION.rsplit('.', 1)[0] == theirs.VERSION.rsplit('.', 1)[0]
    for field in ('SETUP_STATIC', 'CONFIGURE', 'CFLAGS', 'LIBDIR', 'PROGRAM', 'build'):
        assert getattr(ours, field) == getattr(theirs, field), field


@pytest.mark.parametrize('fork, base', PAIRS)
def test_the_flavor_is_the_cpython_flavors_with_stackless(fork, base):
    ours, theirs = FLAVORS[fork], FLAVORS[base.replace('cpython', 'python')]
    assert ours.interpreter == fork
    assert set(ours.required_modules) - set(theirs.required_modules) == {'_stackless'}
    assert ours.libraries == theirs.libraries
    assert ours.excluded_modules == theirs.excluded_modules


@pytest.mark.parametrize('fork, base', [('stackless2.7', 'cpython2.7'),
                                        ('stackless3.2', 'cpython3.2')])
def test_stackless_takes_every_patch_of_its_cpython(fork, base):
    registry = recipes.load()
    names = [os.path.basename(p) for p in patchset.borrowed(REPO, registry[fork])]
    assert names == [os.path.basename(p) for p in patchset.patch_files(REPO, registry[base])]
    assert names          # the ZIP finding, zipimport, ... patches: not none
    own = [os.path.basename(p) for p in patchset.own(REPO, registry[fork])]
    assert not set(own) & set(names)          # no variant replaces one of CPython's today
    # and the reference build finds the patches it takes among them
    assert set(registry[fork].REFERENCE_PATCHES) <= set(names)


@pytest.mark.parametrize('flavor', ['stackless2.7', 'stackless3.2'])
def test_a_flavor_naming_its_targets_refuses_the_others_in_one_line(flavor):
    assert FLAVORS[flavor].targets == ('linux-x86_64', 'linux-i386')
    for target in TARGETS:
        why = options.unsupported(flavor, target, machine='x86_64')
        if target in FLAVORS[flavor].targets:
            assert why is None, (flavor, target)
        else:
            assert why and '\n' not in why, why
            assert flavor in why and target in why and FLAVORS[flavor].targets_reason in why
            assert options.errors({'flavor': flavor, 'target': target}) == [why]

