/* Open an on-disk database; use FTS5, JSON and R*Tree; print the library version. */
#include <stdio.h>
#include <sqlite3.h>

static int show(void *unused, int n, char **values, char **names) {
    (void)unused;
    for (int i = 0; i < n; i++) printf("%s=%s\n", names[i], values[i] ? values[i] : "NULL");
    return 0;
}

int main(void) {
    sqlite3 *db;
    char *err = NULL;
    if (sqlite3_open("/test.db", &db) != SQLITE_OK) { puts(sqlite3_errmsg(db)); return 1; }
    const char *sql =
        "CREATE TABLE t(x);"
        "INSERT INTO t VALUES (json_object('n', 42));"
        "SELECT json_extract(x, '$.n') AS json FROM t;"
        "CREATE VIRTUAL TABLE docs USING fts5(body);"
        "INSERT INTO docs VALUES ('static python in one file'), ('nothing else');"
        "SELECT count(*) AS fts5 FROM docs WHERE docs MATCH 'python';"
        "CREATE VIRTUAL TABLE box USING rtree(id, x0, x1, y0, y1);"
        "INSERT INTO box VALUES (1, 0, 10, 0, 10), (2, 20, 30, 20, 30);"
        "SELECT group_concat(id) AS rtree FROM box WHERE x1 >= 5 AND x0 <= 25;";
    if (sqlite3_exec(db, sql, show, NULL, &err) != SQLITE_OK) { puts(err); return 2; }
    printf("version %s\n", sqlite3_libversion());
    sqlite3_close(db);
    return 0;
}
