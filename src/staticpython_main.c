/* StaticPython's main(): CPython with its standard library read from the ZIP appended to
 * this very executable.
 *
 * The build includes this file from CPython's Programs/python.c. It finds the executable
 * (via /proc/self/exe when mounted, else argv[0] and $PATH), checks that a ZIP archive
 * is appended to it (staticpython_self.h), and starts the interpreter with sys.path = [$PYTHONPATH..., <exe>].
 * The rest follows CPython's own rules (Modules/getpath.py), with the executable standing
 * for the standard library directory:
 *  - sys.executable is the path the program was started by (a symlink stays a symlink);
 *  - sys.prefix is the directory above bin/ when the real file (symlinks resolved) sits in
 *    a bin/ directory, else that file's directory; $PYTHONHOME ("prefix[:exec_prefix]")
 *    overrides it unless -E or -I;
 *  - a virtual environment (pyvenv.cfg beside the executable or one directory up) takes
 *    sys.base_prefix from its `home`; site.py then makes sys.prefix the environment;
 *  - a ._pth file beside the executable (or the real file) replaces sys.path with its lines,
 *    makes its directory the prefix and implies -I and -S ("import site" re-enables site);
 *    the executable stays on sys.path.
 */
#include "Python.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "staticpython_self.h"  /* prog, find_and_check_self(), is_executable_file(), ... */

void staticpython_dlfcn_self(const char *path);   /* staticpython_dlfcn.c */

static void fail_config(PyConfig *config, PyStatus status) {
    PyConfig_Clear(config);
    if (PyStatus_IsExit(status)) {
        exit(status.exitcode);
    }
    Py_ExitStatusException(status);
}

static void out_of_memory(void) {
    fprintf(stderr, "%s: out of memory\n", prog);
    exit(1);
}

/* Cut the last component off an absolute path, in place ("/a/b" -> "/a", "/a" -> "/"). */
static void parent(char *path) {
    char *cut = strrchr(path, '/');
    if (cut) {
        *(cut == path ? cut + 1 : cut) = '\0';
    }
}

/* The installation prefix for an executable in `dir`: the directory above a bin/ directory,
 * else `dir` itself. */
static void prefix_of(const char *dir, char *out) {
    snprintf(out, PATH_MAX, "%s", dir);
    const char *last = strrchr(out, '/');
    if (last && strcmp(last, "/bin") == 0) {
        parent(out);
    }
}

/* A line "key = value" of a configuration file: is it `key` (case-insensitive)? Then copy
 * the value, without surrounding white space, to `value`. */
static int config_value(const char *line, const char *key, char *value, size_t size) {
    const char *eq = strchr(line, '=');
    if (!eq) {
        return 0;
    }
    const char *k = line, *k_end = eq;
    while (k < k_end && isspace((unsigned char)*k)) k++;
    while (k_end > k && isspace((unsigned char)k_end[-1])) k_end--;
    if ((size_t)(k_end - k) != strlen(key) || strncasecmp(k, key, (size_t)(k_end - k)) != 0) {
        return 0;
    }
    const char *v = eq + 1, *v_end = eq + strlen(eq);
    while (*v && isspace((unsigned char)*v)) v++;
    while (v_end > v && isspace((unsigned char)v_end[-1])) v_end--;
    snprintf(value, size, "%.*s", (int)(v_end - v), v);
    return 1;
}

/* A virtual environment's pyvenv.cfg, one directory above the executable or else beside it
 * (the order of CPython's getpath.py): its `home` (empty when there is none: no venv) and
 * the `executable` that made it (empty when not given). */
static void read_venv_config(const char *exe, char *home, char *base) {
    char dir[PATH_MAX], up[PATH_MAX], cfg[PATH_MAX + 16], line[PATH_MAX + 64];
    home[0] = base[0] = '\0';
    snprintf(dir, sizeof dir, "%s", exe);
    parent(dir);
    snprintf(up, sizeof up, "%s", dir);
    parent(up);
    snprintf(cfg, sizeof cfg, "%s/pyvenv.cfg", strcmp(up, "/") ? up : "");
    FILE *f = fopen(cfg, "r");
    if (!f) {
        snprintf(cfg, sizeof cfg, "%s/pyvenv.cfg", strcmp(dir, "/") ? dir : "");
        f = fopen(cfg, "r");
    }
    if (!f) {
        return;
    }
    char value[PATH_MAX];
    while (fgets(line, sizeof line, f)) {       /* the first of each key counts */
        if (config_value(line, "home", value, sizeof value) && !home[0]) {
            snprintf(home, PATH_MAX, "%s", value);
        } else if (config_value(line, "executable", value, sizeof value) && !base[0]) {
            snprintf(base, PATH_MAX, "%s", value);
        }
    }
    fclose(f);
}

/* Whether -E and -I leave the environment in effect. Read from a throwaway configuration:
 * reading the real one a second time would lose options (-X warn_default_encoding). Like
 * python, exits here for --help, --version and bad usage. */
static int environment_in_effect(int argc, char **argv) {
    PyConfig probe;
    PyConfig_InitPythonConfig(&probe);
    PyStatus status = PyConfig_SetBytesArgv(&probe, argc, argv);
    if (!PyStatus_Exception(status)) {
        status = PyConfig_Read(&probe);
    }
    if (PyStatus_Exception(status)) {
        fail_config(&probe, status);
    }
    int in_effect = probe.use_environment;
    PyConfig_Clear(&probe);
    return in_effect;
}

/* sys.path entries, built up in order. */
struct paths {
    wchar_t **items;
    size_t count, size;
};

static int has_path(const struct paths *p, const wchar_t *path) {
    for (size_t i = 0; i < p->count; i++) {
        if (wcscmp(p->items[i], path) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Append `path`, made absolute and normalized like os.path.abspath(); with `once`, only when
 * it is not there yet. */
static void add_path(struct paths *p, const char *path, int once) {
    char full[PATH_MAX];
    if (absolute(path, full, sizeof full) != 0) {
        return;                                     /* too long, or no working directory */
    }
    wchar_t *w = Py_DecodeLocale(full, NULL);
    if (!w) {
        return;
    }
    if (once && has_path(p, w)) {
        PyMem_RawFree(w);
        return;
    }
    if (p->count == p->size) {
        p->size = p->size ? 2 * p->size : 8;
        p->items = realloc(p->items, p->size * sizeof *p->items);
        if (!p->items) out_of_memory();
    }
    p->items[p->count++] = w;
}

/* Every entry of a ':'-separated list; an empty one is the working directory, as in
 * CPython. */
static void add_path_list(struct paths *p, const char *list) {
    while (list) {
        const char *end = strchr(list, ':');
        size_t len = end ? (size_t)(end - list) : strlen(list);
        char item[PATH_MAX];
        if (len < sizeof item) {
            snprintf(item, sizeof item, "%.*s", (int)len, list);
            add_path(p, item, 0);
        }
        list = end ? end + 1 : NULL;
    }
}

/* A ._pth file: its directory-relative lines become sys.path, and it implies -I and -S
 * ("import site" re-enables site), as in CPython. Returns 0 when `path` cannot be read. */
static int read_pth(const char *path, PyConfig *config, struct paths *p) {
    FILE *f = fopen(path, "r");
    if (!f) {
        return 0;
    }
    char dir[PATH_MAX], line[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    parent(dir);
    config->isolated = 1;
    config->use_environment = 0;
    config->safe_path = 1;
    config->site_import = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "#")] = '\0';
        char *s = line, *e = line + strlen(line);
        while (*s && isspace((unsigned char)*s)) s++;
        while (e > s && isspace((unsigned char)e[-1])) *--e = '\0';
        if (!*s) {
            continue;
        }
        if (strcmp(s, "import site") == 0) {
            config->site_import = 1;
        } else if (strncmp(s, "import ", 7) == 0) {
            fprintf(stderr, "%s: unsupported 'import' line in %s\n", prog, path);
        } else if (s[0] == '/') {
            add_path(p, s, 0);
        } else {
            char joined[2 * PATH_MAX];
            snprintf(joined, sizeof joined, "%s/%s", dir, s);
            add_path(p, joined, 0);
        }
    }
    fclose(f);
    return 1;
}

static void set_string(PyConfig *config, wchar_t **field, const char *value) {
    wchar_t *w = Py_DecodeLocale(value, NULL);
    if (!w) {
        fprintf(stderr, "%s: cannot decode the path %s\n", prog, value);
        exit(1);
    }
    PyStatus status = PyConfig_SetString(config, field, w);
    PyMem_RawFree(w);
    if (PyStatus_Exception(status)) fail_config(config, status);
}

int main(int argc, char **argv) {
    char exe[PATH_MAX], real[PATH_MAX];
    if (find_and_check_self(argc, argv, exe, real) != 0) {
        return 1;
    }
    staticpython_dlfcn_self(real);
    staticpython_add_modules();     /* modules/ built in: staticpython_modules.h */
    int use_environment = environment_in_effect(argc, argv);

    PyStatus status;
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    status = PyConfig_SetBytesArgv(&config, argc, argv);
    if (PyStatus_Exception(status)) fail_config(&config, status);

    /* sys.path: a ._pth file's lines, else $PYTHONPATH (unless -E or -I); then the
     * executable itself, which holds the standard library. */
    struct paths paths = {0};
    char pth[PATH_MAX + 8];
    snprintf(pth, sizeof pth, "%s._pth", exe);
    int have_pth = read_pth(pth, &config, &paths);
    if (!have_pth) {
        snprintf(pth, sizeof pth, "%s._pth", real);
        have_pth = read_pth(pth, &config, &paths);
    }
    if (have_pth) {
        use_environment = 0;
    }
    const char *pythonpath = use_environment ? getenv("PYTHONPATH") : NULL;
    if (pythonpath && *pythonpath) {
        add_path_list(&paths, pythonpath);
    }

    /* The prefixes: the ._pth file's directory, else $PYTHONHOME, else a virtual
     * environment's home, else where the real file is. */
    char prefix[PATH_MAX], exec_prefix[PATH_MAX], home[PATH_MAX], dir[PATH_MAX];
    char base_executable[PATH_MAX];
    const char *pythonhome = use_environment ? getenv("PYTHONHOME") : NULL;
    snprintf(base_executable, sizeof base_executable, "%s", exe);
    if (have_pth) {
        snprintf(prefix, sizeof prefix, "%s", pth);
        parent(prefix);
        snprintf(exec_prefix, sizeof exec_prefix, "%s", prefix);
    } else if (pythonhome && *pythonhome) {
        const char *colon = strchr(pythonhome, ':');
        snprintf(prefix, sizeof prefix, "%.*s",
                 (int)(colon ? (size_t)(colon - pythonhome) : strlen(pythonhome)), pythonhome);
        snprintf(exec_prefix, sizeof exec_prefix, "%s", colon ? colon + 1 : prefix);
    } else {
        char made_by[PATH_MAX];
        read_venv_config(exe, home, made_by);
        if (home[0]) {
            /* In a virtual environment: the base is the interpreter that made it (this file
             * through a symlink, or the original of a copy). */
            snprintf(dir, sizeof dir, "%s", home);
            snprintf(base_executable, sizeof base_executable, "%s",
                     is_executable_file(made_by) ? made_by : real);
        } else {
            snprintf(dir, sizeof dir, "%s", real);
            parent(dir);
        }
        prefix_of(dir, prefix);
        snprintf(exec_prefix, sizeof exec_prefix, "%s", prefix);
    }
    set_string(&config, &config.executable, exe);
    set_string(&config, &config.base_executable, base_executable);
    set_string(&config, &config.prefix, prefix);
    set_string(&config, &config.base_prefix, prefix);
    set_string(&config, &config.exec_prefix, exec_prefix);
    set_string(&config, &config.base_exec_prefix, exec_prefix);
    set_string(&config, &config.stdlib_dir, real);
    if (have_pth) {
        /* As getpath.py does for a ._pth file; a set home also keeps it from reading the
         * file again, which would take the executable off sys.path. */
        set_string(&config, &config.home, prefix);
    }

    add_path(&paths, real, 1);
#ifdef STATICPYTHON_LIBDIR
    /* A build for CPython's test suite: an installed Python's library directory under the
     * prefix holds the test package. */
    char libdir[2 * PATH_MAX];
    snprintf(libdir, sizeof libdir, "%s/%s", prefix, STATICPYTHON_LIBDIR);
    if (!have_pth) {
        add_path(&paths, libdir, 1);
    }
#endif
    status = PyConfig_SetWideStringList(&config, &config.module_search_paths, paths.count,
                                        paths.items);
    for (size_t i = 0; i < paths.count; i++) {
        PyMem_RawFree(paths.items[i]);
    }
    free(paths.items);
    if (PyStatus_Exception(status)) fail_config(&config, status);
    config.module_search_paths_set = 1;

    status = Py_InitializeFromConfig(&config);
    if (PyStatus_Exception(status)) fail_config(&config, status);
    PyConfig_Clear(&config);
    return Py_RunMain();
}
