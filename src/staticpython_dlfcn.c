/* dlopen() and dlsym() for a static executable: ctypes' CDLL(None) and ctypes.pythonapi.
 *
 * A static executable has no dynamic loader: the C library's dlopen() fails for every
 * file, even for the program itself. The interpreter is linked with --wrap for dlopen,
 * dlsym, dlclose and dlerror (-Wl,--wrap=dlopen,...; __dlsym_time64 too, which is dlsym on
 * musl's 32-bit CPUs), so every call lands here first:
 * dlopen(NULL), or of the executable's own file, returns a handle for this program, and
 * dlsym() on it (or on RTLD_DEFAULT) looks the name up in the table of the interpreter's
 * exported C API that the build generates (staticpython_exports.h). dlopen() of the
 * dotted name of a native library compiled in (a package's own shared library that its
 * Python code loads with ctypes, such as pycryptodome's "Crypto.Cipher._raw_aes") returns
 * that library's entry of staticpython_natives.h, and dlsym() on it searches its symbols.
 * Nothing goes on to the C library: this program has no other symbols, and no other file
 * can be loaded into it. dlerror() then says so itself, the same with every C library (a
 * static uClibc-ng's dlsym(RTLD_DEFAULT) crashed, and its dlopen() searched for the file):
 * "Symbol not found: ...", and for a file, naming it as a dynamic loader's report does,
 * "libm.so.6: Dynamic loading not supported" (musl's words).
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "staticpython_exports.h"   /* sp_exports[]: {name, address}, sorted by name */
#include "staticpython_natives.h"   /* sp_libraries[]: the native libraries, NULL-ended */

static char this_program;           /* its address is the handle of this program */
static struct stat self;            /* the executable's file; st_ino 0 while unknown */
static _Thread_local char own_error[512];   /* what dlerror() reports next */
static _Thread_local int own_failed;

__attribute__((format(printf, 1, 2)))
static void *failed(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(own_error, sizeof own_error, format, args);
    va_end(args);
    own_failed = 1;
    return NULL;
}

/* main() names the executable's file, so that dlopen() knows it by any path. */
void staticpython_dlfcn_self(const char *path) {
    if (stat(path, &self) != 0) {
        self.st_ino = 0;
    }
}

static int is_self(const char *file) {
    struct stat st;
    return self.st_ino && stat(file, &st) == 0 && st.st_dev == self.st_dev &&
           st.st_ino == self.st_ino;
}

/* The native library of that dotted name compiled in, or NULL. */
static const struct sp_library *native(const char *file) {
    for (const struct sp_library *lib = sp_libraries; lib->name; lib++) {
        if (strcmp(file, lib->name) == 0) {
            return lib;
        }
    }
    return NULL;
}

static int is_native(void *handle) {
    const struct sp_library *lib = handle;
    size_t count = sizeof sp_libraries / sizeof sp_libraries[0] - 1;
    return lib >= sp_libraries && lib < sp_libraries + count;
}

void *__wrap_dlopen(const char *file, int mode) {
    own_failed = 0;
    if (!file || is_self(file)) {
        return &this_program;
    }
    const struct sp_library *lib = native(file);
    if (lib) {
        return (void *)lib;
    }
    (void)mode;
    return failed("%s: Dynamic loading not supported", file);
}

char *__wrap_dlerror(void) {
    if (own_failed) {
        own_failed = 0;
        return own_error;
    }
    return NULL;
}

static int by_name(const void *name, const void *entry) {
    return strcmp(name, ((const struct sp_export *)entry)->name);
}

static const struct sp_export *exported(void *handle, const char *name) {
    own_failed = 0;
    if (is_native(handle)) {
        const struct sp_library *lib = handle;
        const struct sp_export *found = bsearch(name, lib->symbols, lib->count,
                                                sizeof lib->symbols[0], by_name);
        if (!found) {
            failed("%s: undefined symbol: %s", lib->name, name);
        }
        return found;
    }
    if (handle != &this_program && handle != RTLD_DEFAULT && handle != RTLD_NEXT) {
        failed("Invalid library handle");
        return NULL;
    }
    const struct sp_export *found = bsearch(name, sp_exports,
                                            sizeof sp_exports / sizeof sp_exports[0],
                                            sizeof sp_exports[0], by_name);
    if (!found) {
        failed("Symbol not found: %s", name);
    }
    return found;
}

void *__wrap_dlsym(void *restrict handle, const char *restrict name) {
    const struct sp_export *found = exported(handle, name);
    return found ? found->address : NULL;
}

#if _REDIR_TIME64
/* musl's 32-bit CPUs, whose time_t grew to 64 bits: <dlfcn.h> sends every dlsym() call to
 * __dlsym_time64 (which finds the 64-bit-time variant of a function by its old name), and
 * the interpreter is linked with --wrap for that name too. */
void *__wrap___dlsym_time64(void *restrict handle, const char *restrict name) {
    return __wrap_dlsym(handle, name);
}
#endif

int __wrap_dlclose(void *handle) {
    own_failed = 0;
    if (handle == &this_program || is_native(handle)) {
        return 0;
    }
    failed("Invalid library handle");
    return 1;
}
