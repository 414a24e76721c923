"""The tests that a library package keeps inside itself, for the test-suite variant.

CPython 3.11 keeps the tests of some library packages in the package (ctypes.test,
unittest.test, distutils.tests, lib2to3.tests), and its regression tests import them by
those names. The packages come from the ZIP appended to the executable, which leaves every
test out; the test-suite variant installs them on disk, in its library directory beside
test/ (the recipe's PACKAGE_TESTS). This module, installed there as sitecustomize.py in
that variant only, adds the last finder of sys.meta_path: a module `package.name` that the
package's own __path__ (in the ZIP) does not have is looked for in <library>/<package>/.
The interpreter that is released has no such file, and finds nothing on disk.
(2.7 and 3.2 do the same in their C zipimport, patched.)
"""
import os
import sys

LIBRARY = os.path.dirname(os.path.abspath(__file__))
PATH_FINDER = next(f for f in sys.meta_path if getattr(f, '__name__', '') == 'PathFinder')


class PackageTests:
    """The finder: only for a submodule of a top-level package that has a directory here."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        package, _, _ = name.rpartition('.')
        if not package or '.' in package:
            return None
        where = os.path.join(LIBRARY, package)
        if not os.path.isdir(where):
            return None
        return PATH_FINDER.find_spec(name, [where], target)


sys.meta_path.append(PackageTests)
