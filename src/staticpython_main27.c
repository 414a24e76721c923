/* StaticPython's main() for CPython 2.7: CPython's own (Modules/python.c), which the build
 * replaces by this file, plus the executable's file for dlopen() (staticpython_dlfcn.c).
 * The standard library in the ZIP appended to the executable is found by 2.7's getpath.c
 * (patches/cpython2.7/2.7.18/0001), not here. Without /proc, dlopen() of the executable's
 * own path is not recognised as the program (dlopen(NULL) still is).
 */
#include "Python.h"

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
    staticpython_dlfcn_self("/proc/self/exe");
    return Py_Main(argc, argv);
}
