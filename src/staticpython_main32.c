/* StaticPython's main() for CPython 3.2, which the build puts in place of CPython's
 * Modules/python.c: the command line decoded from the locale's encoding to wide strings
 * for Py_Main(), as CPython's own main() does, plus the executable's file for dlopen()
 * (staticpython_dlfcn.c). The standard library in the ZIP appended to the executable is
 * found by 3.2's getpath.c (patches/cpython3.2/3.2.6/0001), not here. Without /proc,
 * dlopen() of the executable's own path is not recognised as the program (dlopen(NULL)
 * still is).
 */
#include "Python.h"
#include <locale.h>

void staticpython_dlfcn_self(const char *path);   /* staticpython_dlfcn.c */

#ifdef STATICPYTHON_LIBDIR
/* The build of CPython's test suite (the build's python.c defines STATICPYTHON_LIBDIR):
 * getpath.c puts <prefix>/<this> on sys.path after the executable (patch 3.2.6/0014), the
 * library directory that holds the test package. */
const char staticpython_libdir[] = STATICPYTHON_LIBDIR;
#endif

int
main(int argc, char **argv)
{
    /* Py_Main() may change its argv: the strings are freed from this copy. */
    wchar_t **args = PyMem_Malloc(sizeof(wchar_t *) * (argc + 1));
    wchar_t **owned = PyMem_Malloc(sizeof(wchar_t *) * (argc + 1));
    char *saved = NULL;
    const char *current;
    int i, status;

    staticpython_dlfcn_self("/proc/self/exe");
    if (args == NULL || owned == NULL) {
        fprintf(stderr, "Fatal Python error: out of memory\n");
        return 1;
    }
    current = setlocale(LC_ALL, NULL);
    if (current != NULL)
        saved = strdup(current);
    setlocale(LC_ALL, "");
    for (i = 0; i < argc; i++) {
        owned[i] = args[i] = _Py_char2wchar(argv[i], NULL);
        if (args[i] == NULL) {
            fprintf(stderr, "Fatal Python error: unable to decode the command line "
                            "argument #%i\n", i + 1);
            return 1;
        }
    }
    owned[argc] = args[argc] = NULL;
    setlocale(LC_ALL, saved != NULL ? saved : "C");
    free(saved);

    status = Py_Main(argc, args);
    for (i = 0; i < argc; i++)
        PyMem_Free(owned[i]);
    PyMem_Free(args);
    PyMem_Free(owned);
    return status;
}
