/* dlopen() and dlsym() for a static executable: ctypes' CDLL(None) and ctypes.pythonapi.
 *
 * A static executable has no dynamic loader: the C library's dlopen() fails for every
 * file, even for the program itself. The interpreter is linked with --wrap for dlopen,
 * dlsym, dlclose and dlerror (-Wl,--wrap=dlopen,...; __dlsym_time64 too, which is dlsym on
 * musl's 32-bit CPUs), so every call lands here first:
 * dlopen(NULL), or of the executable's own file, returns a handle for this program, and
 * dlsym() on it (or on RTLD_DEFAULT) looks the name up in the table of the interpreter's
 * exported C API that the build generates (staticpython_exports.h). Everything else goes
 * on to the C library, which also says what dlerror() reports ("Symbol not found: ...");
 * for a file that dlopen() cannot load, the report names the file, as a dynamic loader's
 * does ("libm.so.6: Dynamic loading not supported").
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "staticpython_exports.h"   /* sp_exports[]: {name, address}, sorted by name */

void *__real_dlopen(const char *file, int mode);
void *__real_dlsym(void *restrict handle, const char *restrict name);
int __real_dlclose(void *handle);
char *__real_dlerror(void);

static char this_program;           /* its address is the handle of this program */
static struct stat self;            /* the executable's file; st_ino 0 while unknown */
static _Thread_local char failed_open[512];   /* dlerror() of a failed dlopen() */
static _Thread_local int open_failed;

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

void *__wrap_dlopen(const char *file, int mode) {
    open_failed = 0;
    if (!file || is_self(file)) {
        return &this_program;
    }
    void *handle = __real_dlopen(file, mode);
    if (!handle) {
        const char *why = __real_dlerror();
        snprintf(failed_open, sizeof failed_open, "%s: %s", file,
                 why ? why : "cannot be loaded");
        open_failed = 1;
    }
    return handle;
}

char *__wrap_dlerror(void) {
    if (open_failed) {
        open_failed = 0;
        return failed_open;
    }
    return __real_dlerror();
}

static int by_name(const void *name, const void *entry) {
    return strcmp(name, ((const struct sp_export *)entry)->name);
}

static const struct sp_export *exported(void *handle, const char *name) {
    open_failed = 0;
    if (handle != &this_program && handle != RTLD_DEFAULT) {
        return NULL;
    }
    return bsearch(name, sp_exports, sizeof sp_exports / sizeof sp_exports[0],
                   sizeof sp_exports[0], by_name);
}

void *__wrap_dlsym(void *restrict handle, const char *restrict name) {
    const struct sp_export *found = exported(handle, name);
    return found ? found->address
                 : __real_dlsym(handle == &this_program ? RTLD_DEFAULT : handle, name);
}

#if _REDIR_TIME64
/* musl's 32-bit CPUs, whose time_t grew to 64 bits: <dlfcn.h> sends every dlsym() call to
 * __dlsym_time64 (which finds the 64-bit-time variant of a function by its old name), and
 * the interpreter is linked with --wrap for that name too. */
void *__real___dlsym_time64(void *restrict handle, const char *restrict name);

void *__wrap___dlsym_time64(void *restrict handle, const char *restrict name) {
    const struct sp_export *found = exported(handle, name);
    return found ? found->address
                 : __real___dlsym_time64(handle == &this_program ? RTLD_DEFAULT : handle, name);
}
#endif

int __wrap_dlclose(void *handle) {
    open_failed = 0;
    return handle == &this_program ? 0 : __real_dlclose(handle);
}
