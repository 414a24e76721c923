"""patchset: the patches a recipe's source takes, its own and those it borrows (PATCH_DIRS)
from the recipe whose source it forks, as Stackless does CPython's."""
import os
import types

import pytest

from staticpython import patchset


def _patches(repo, directory, *names):
    d = repo / 'patches' / directory
    d.mkdir(parents=True)
    for name in names:
        (d / name).write_text(f'{directory}/{name}\n\n--- a/x\n+++ b/x\n')


def _recipe(**fields):
    return types.SimpleNamespace(NAME='fork', VERSION='1.0', **fields)


def test_own_patches_only_without_patch_dirs(tmp_path):
    _patches(tmp_path, 'fork/1.0', '0002-b.patch', '0001-a.patch', 'notes.txt')
    _patches(tmp_path, 'base/1.1', '0001-x.patch')
    files = patchset.patch_files(str(tmp_path), _recipe())
    assert [os.path.relpath(f, tmp_path / 'patches') for f in files] == \
        ['fork/1.0/0001-a.patch', 'fork/1.0/0002-b.patch']
    assert patchset.borrowed(str(tmp_path), _recipe()) == []


def test_borrowed_patches_follow_the_own_ones_in_sorted_order_less_the_replaced(tmp_path):
    _patches(tmp_path, 'base/1.1', '0003-c.patch', '0001-a.patch', '0002-b.patch')
    _patches(tmp_path, 'more/2', '0001-a.patch', '0010-z.patch')
    _patches(tmp_path, 'fork/1.0', '0002-b.patch', '0040-own.patch')
    recipe = _recipe(PATCH_DIRS=('base/1.1', 'more/2'))
    rel = [os.path.relpath(f, tmp_path / 'patches')
           for f in patchset.patch_files(str(tmp_path), recipe)]
    # the fork's own first (prepare_sources applies them), its 0002 the variant of base's;
    # then the borrowed by name, the first directory's where two have the same name
    assert rel == ['fork/1.0/0002-b.patch', 'fork/1.0/0040-own.patch',
                   'base/1.1/0001-a.patch', 'base/1.1/0003-c.patch', 'more/2/0010-z.patch']
    assert [os.path.basename(p) for p in patchset.borrowed(str(tmp_path), recipe)] == \
        ['0001-a.patch', '0003-c.patch', '0010-z.patch']


def test_a_patch_dir_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(ValueError, match='base/9'):
        patchset.borrowed(str(tmp_path), _recipe(PATCH_DIRS=('base/9',)))
