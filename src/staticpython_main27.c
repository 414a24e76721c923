/* StaticPython's main() for CPython 2.7: CPython's own (Modules/python.c), which the build
 * replaces by this file, after the checks every StaticPython main() makes
 * (staticpython_self.h): it finds its own file, which must end with the standard library's
 * ZIP (else it says so and exits with status 1), and names that file for dlopen()
 * (staticpython_dlfcn.c). 2.7's getpath.c (patches/cpython2.7/2.7.18/0001) then puts the
 * ZIP on sys.path and sets sys.executable and the prefixes.
 */
#include "Python.h"

#include "staticpython_self.h"  /* find_and_check_self() */

void staticpython_dlfcn_self(const char *path);   /* staticpython_dlfcn.c */

#ifdef STATICPYTHON_LIBDIR
/* The build of CPython's test suite (the build's python.c defines STATICPYTHON_LIBDIR):
 * getpath.c puts <prefix>/<this> on sys.path after the executable (patch 2.7.18/0023), the
 * library directory that holds the test package. */
const char staticpython_libdir[] = STATICPYTHON_LIBDIR;
#endif

int
main(int argc, char **argv)
{
    char exe[PATH_MAX], real[PATH_MAX];

    if (find_and_check_self(argc, argv, exe, real) != 0)
        return 1;
    staticpython_dlfcn_self(real);
    staticpython_add_modules();     /* modules/ built in: staticpython_modules.h */
    return Py_Main(argc, argv);
}
