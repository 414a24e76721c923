import os

from staticpython.sources import Source

NAME = 'sqlite3'
VERSION = '3.46.1'
LICENSE = 'blessing (public domain)'
SUMMARY = 'SQL database engine (sqlite3), with FTS5, JSON and R*Tree'
KIND = 'library'
DEPENDS = ()
SOURCES = (
    # The amalgamation release: sqlite3.c ready to compile.
    Source('sqlite-autoconf-3460100.tar.gz', None,
           '67d3fe6d268e6eaddcae3727fce58fcc8e9c53869bdd07a0c61e38ddf2965071',
           urls=('https://sqlite.org/2024/sqlite-autoconf-3460100.tar.gz',)),
    # Debian's form is the full source tree: the amalgamation is generated from it (tclsh).
    Source('sqlite3_3.46.1.orig.tar.xz', 8456776,
           'd0cdd2ece271b29e7ce18095745d892517ee26d0f270065b3a25c2e9eb11639c',
           pool='pool/main/s/sqlite3/sqlite3_3.46.1.orig.tar.xz'),
)
PRODUCTS = ('usr/lib/libsqlite3.a', 'usr/include/sqlite3.h', 'usr/lib/pkgconfig/sqlite3.pc')

# Compile-time options: the features Python's sqlite3 users expect.
DEFINES = (
    'SQLITE_ENABLE_FTS5', 'SQLITE_ENABLE_FTS4', 'SQLITE_ENABLE_FTS3_PARENTHESIS',
    'SQLITE_ENABLE_RTREE', 'SQLITE_ENABLE_GEOPOLY', 'SQLITE_ENABLE_MATH_FUNCTIONS',
    'SQLITE_ENABLE_DBSTAT_VTAB', 'SQLITE_ENABLE_COLUMN_METADATA',
    'SQLITE_ENABLE_UNLOCK_NOTIFY', 'SQLITE_THREADSAFE=1', 'SQLITE_DQS=0',
)

PC = """prefix=/usr
libdir=${prefix}/lib
includedir=${prefix}/include

Name: SQLite
Description: SQL database engine
Version: %s
Libs: -L${libdir} -lsqlite3
Libs.private: -lm -lpthread
Cflags: -I${includedir}
"""


def build(b):
    amalgamation = b.srcdir
    if not os.path.exists(b.src('sqlite3.c')):
        # Full source tree: generate sqlite3.c with the build machine's own compiler.
        amalgamation = b.src('bld')
        os.makedirs(amalgamation)
        b.run('../configure', '--disable-tcl', cwd=amalgamation, env=b.host_env())
        b.make('sqlite3.c', cwd=amalgamation, env=b.host_env())
    cc, cflags = b.env['CC'], b.env['CFLAGS'].split()
    b.run(cc, *cflags, *(f'-D{d}' for d in DEFINES), '-c', 'sqlite3.c', '-o', 'sqlite3.o',
          cwd=amalgamation)
    b.run(b.env['AR'], 'rcs', 'libsqlite3.a', 'sqlite3.o', cwd=amalgamation)
    b.install_files('usr/lib', 'libsqlite3.a', cwd=amalgamation)
    b.install_files('usr/include', 'sqlite3.h', 'sqlite3ext.h', cwd=amalgamation)
    b.write('usr/lib/pkgconfig/sqlite3.pc', PC % VERSION)
