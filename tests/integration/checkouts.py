"""Second checkouts of this repo at other paths, sharing this machine's build cache."""
import os
import shutil

from conftest import REPO
from staticpython.options import default_cache

USER_CACHE = os.environ.get('STATICPYTHON_CACHE') or default_cache()


def copy_checkout(dest):
    """The repo's files, as a fresh clone would have them: no build tree, no SCons state."""
    skip = {'build', '.git', '.sconsign.dblite', '__pycache__', '.pytest_cache'}
    shutil.copytree(REPO, dest, symlinks=True, ignore=lambda d, names: [n for n in names if n in skip])
