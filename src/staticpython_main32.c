/* StaticPython's main() for CPython 3.2, which the build puts in place of CPython's
 * Modules/python.c: after the checks every StaticPython main() makes (staticpython_self.h:
 * it finds its own file, which must end with the standard library's ZIP, else it says so
 * and exits with status 1, and names that file for dlopen(), staticpython_dlfcn.c), the
 * command line decoded from the locale's encoding to wide strings for Py_Main(), as
 * CPython's own main() does. 3.2's getpath.c (patches/cpython3.2/3.2.6/0001) then puts the
 * ZIP on sys.path and sets sys.executable and the prefixes.
 */
#include "Python.h"
#include <locale.h>

#include "staticpython_self.h"  /* find_and_check_self() */

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
    wchar_t **args, **owned;
    char *saved = NULL;
    const char *current;
    char exe[PATH_MAX], real[PATH_MAX];
    int i, status;

    if (find_and_check_self(argc, argv, exe, real) != 0)
        return 1;
    staticpython_dlfcn_self(real);
    staticpython_add_modules();     /* modules/ built in: staticpython_modules.h */
    args = PyMem_Malloc(sizeof(wchar_t *) * (argc + 1));
    owned = PyMem_Malloc(sizeof(wchar_t *) * (argc + 1));
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
