"""Which patch files a recipe's source takes, in the order they apply.

Every recipe's own are patches/<NAME>/<VERSION>/*.patch, which prepare_sources applies
(context.py) in sorted order. A recipe whose source is a fork of another's (Stackless of
CPython) also takes that one's: PATCH_DIRS names their directories under patches/, and its
build applies them after its own (cpython.py), in sorted order of their file names, all
but those its own directory has a file of the same name for (its variant of that patch
for the fork's source). Here, not in context.py: every pkg, the toolchains' included,
depends on context.py and steps.py, and only the interpreters borrow patches.
"""
import glob
import os


def own(repo, recipe):
    """The recipe's own patches, patches/<NAME>/<VERSION>/*.patch, in sorted order."""
    return sorted(glob.glob(os.path.join(repo, 'patches', recipe.NAME, recipe.VERSION,
                                         '*.patch')))


def borrowed(repo, recipe):
    """The patches of the directories the recipe's PATCH_DIRS names, sorted by file name,
    less those its own directory replaces by a file of the same name."""
    dirs = [os.path.join(repo, 'patches', d) for d in getattr(recipe, 'PATCH_DIRS', ())]
    missing = [d for d in dirs if not os.path.isdir(d)]
    if missing:
        raise ValueError(f'recipe {recipe.NAME}: PATCH_DIRS names {", ".join(missing)}, '
                         'not a directory')
    replaced = {os.path.basename(p) for p in own(repo, recipe)}
    found = {}
    for d in dirs:
        for path in glob.glob(os.path.join(d, '*.patch')):
            found.setdefault(os.path.basename(path), path)
    return [found[name] for name in sorted(found) if name not in replaced]


def patch_files(repo, recipe):
    """Every patch the recipe's source takes, in the order they apply."""
    return own(repo, recipe) + borrowed(repo, recipe)
