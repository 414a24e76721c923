/* StaticPython: this program's own file, and the standard library appended to it. Shared by
 * the main() of every CPython version (staticpython_main.c, staticpython_main27.c).
 *
 * find_and_check_self() finds the executable (via /proc/self/exe when mounted, else argv[0]
 * and $PATH) and checks that a ZIP archive is appended to it; when either fails it says so,
 * as `prog: ...`, instead of an interpreter that starts without its standard library.
 */
#ifndef STATICPYTHON_SELF_H
#define STATICPYTHON_SELF_H

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *prog = "python";

static int is_executable_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Collapse "//", "/./" and "dir/.." in an absolute path, in place, like os.path.normpath
 * (lexically: symlinks are not resolved, as in os.path.abspath). */
static void normalize(char *path) {
    char *out = path, *in = path;
    while (*in) {
        while (*in == '/') in++;                   /* at the start of a component */
        char *end = in;
        while (*end && *end != '/') end++;
        size_t len = (size_t)(end - in);
        if (len == 0 || (len == 1 && in[0] == '.')) {
            /* skip */
        } else if (len == 2 && in[0] == '.' && in[1] == '.') {
            while (out > path && *--out != '/') {}  /* drop the last component */
        } else {
            *out++ = '/';
            memmove(out, in, len);
            out += len;
        }
        in = end;
    }
    if (out == path) *out++ = '/';
    *out = '\0';
}

/* Absolute, normalized form of `path` without resolving symlinks. */
static int absolute(const char *path, char *out, size_t size) {
    char cwd[PATH_MAX];
    int n;
    if (path[0] == '/') {
        n = snprintf(out, size, "%s", path);
    } else if (getcwd(cwd, sizeof cwd)) {
        n = snprintf(out, size, "%s/%s", cwd, path);
    } else {
        return -1;
    }
    if (n < 0 || (size_t)n >= size) return -1;
    normalize(out);
    return 0;
}

/* The path the user started us by: argv[0] if it holds a slash, else the first
 * executable of that name in $PATH. Empty string when neither works. */
static void invoked_path(const char *argv0, char *out, size_t size) {
    out[0] = '\0';
    if (!argv0 || !*argv0) {
        return;
    }
    if (strchr(argv0, '/')) {
        if (absolute(argv0, out, size) != 0 || !is_executable_file(out)) {
            out[0] = '\0';
        }
        return;
    }
    const char *path = getenv("PATH");
    if (!path) {
        path = "/usr/local/bin:/usr/bin:/bin";
    }
    while (*path) {
        const char *end = strchr(path, ':');
        size_t len = end ? (size_t)(end - path) : strlen(path);
        char candidate[PATH_MAX];
        if (len == 0) {
            snprintf(candidate, sizeof candidate, "./%s", argv0);
        } else {
            snprintf(candidate, sizeof candidate, "%.*s/%s", (int)len, path, argv0);
        }
        if (is_executable_file(candidate) && absolute(candidate, out, size) == 0) {
            return;
        }
        path = end ? end + 1 : path + len;
    }
    out[0] = '\0';
}

/* Find ourselves: `exe` is for sys.executable, `real` is the file to read the ZIP from. */
static int find_self(const char *argv0, char *exe, char *real) {
    char proc[PATH_MAX], resolved[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", proc, sizeof proc - 1);
    int have_proc = n > 0 && (size_t)n < sizeof proc - 1;
    if (have_proc) {
        proc[n] = '\0';
        have_proc = proc[0] == '/' && is_executable_file(proc);
    }
    invoked_path(argv0, exe, PATH_MAX);
    if (exe[0] && realpath(exe, resolved)) {
        if (!have_proc || strcmp(resolved, proc) == 0) {
            strcpy(real, resolved);
            return 0;
        }
    }
    if (have_proc) {          /* argv[0] is not us (exec -a, a login shell's "-name") */
        strcpy(exe, proc);
        strcpy(real, proc);
        return 0;
    }
    return -1;
}

static uint32_t le32(const unsigned char *p) {
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Check that a ZIP archive is appended to `path`: its end record is found, and the
 * central directory it points at starts with a central directory signature. Returns
 * NULL when fine, else what is wrong. */
static const char *check_appended_zip(const char *path) {
    static char why[160];
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, sizeof why, "cannot be read (%s)", strerror(errno));
        return why;
    }
    const char *bad = NULL;
    unsigned char tail[65557];  /* end record (22) + longest comment (65535) */
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    long want = size < (long)sizeof tail ? size : (long)sizeof tail;
    if (size < 22 || fseek(f, size - want, SEEK_SET) != 0 ||
        fread(tail, 1, (size_t)want, f) != (size_t)want) {
        bad = "is too short to hold the standard library";
        goto done;
    }
    long eocd = -1;
    for (long i = want - 22; i >= 0; i--) {
        if (memcmp(tail + i, "PK\005\006", 4) == 0) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0) {
        bad = "has no ZIP archive appended (truncated or damaged)";
        goto done;
    }
    uint32_t cd_size = le32(tail + eocd + 12), cd_offset = le32(tail + eocd + 16);
    long eocd_pos = size - want + eocd;
    long cd_pos = eocd_pos - (long)cd_size;
    unsigned char sig[4];
    if (cd_pos < 0 || (long)cd_offset > cd_pos || fseek(f, cd_pos, SEEK_SET) != 0 ||
        fread(sig, 1, 4, f) != 4 || memcmp(sig, "PK\001\002", 4) != 0) {
        bad = "has a damaged ZIP archive appended (its central directory is not where "
              "the end record says)";
    }
done:
    fclose(f);
    return bad;
}

/* Set `prog` from argv[0], find this program's file (`exe` for sys.executable, `real` to
 * read the ZIP from, both PATH_MAX long) and check its ZIP. Returns 0, or 1 after telling
 * on stderr what is wrong. */
static int find_and_check_self(int argc, char **argv, char *exe, char *real) {
    if (argc > 0 && argv[0] && *argv[0]) {
        const char *slash = strrchr(argv[0], '/');
        prog = slash ? slash + 1 : argv[0];
    }
    if (find_self(argc > 0 ? argv[0] : NULL, exe, real) != 0) {
        fprintf(stderr, "%s: cannot find this program's own file: /proc is not mounted and "
                "argv[0] (%s) is neither a path nor found in $PATH. Start it by its path.\n",
                prog, argc > 0 && argv[0] ? argv[0] : "(none)");
        return 1;
    }
    const char *bad = check_appended_zip(real);
    if (bad) {
        fprintf(stderr, "%s: %s %s. The standard library lives inside the executable; "
                "download or build the file again.\n", prog, real, bad);
        return 1;
    }
    return 0;
}

#endif
