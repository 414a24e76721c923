from staticpython.sources import Source

NAME = 'bzip2'
VERSION = '1.0.8'
LICENSE = 'bzip2-1.0.6'
SUMMARY = 'bzip2 compression (bz2)'
KIND = 'library'
DEPENDS = ()
SOURCES = (
    Source('bzip2-1.0.8.tar.gz', 810029,
           'ab5a03176ee106d3f0fa90e381da478ddae405918153cca248e682cd0c4a2269',
           urls=('https://sourceware.org/pub/bzip2/bzip2-1.0.8.tar.gz',),
           pool='pool/main/b/bzip2/bzip2_1.0.8.orig.tar.gz'),
)
PRODUCTS = ('usr/lib/libbz2.a', 'usr/include/bzlib.h')


def build(b):
    # bzip2 has only a plain Makefile: build its library target with our tools.
    e = b.env
    b.make('libbz2.a', f'CC={e["CC"]}', f'AR={e["AR"]}', f'RANLIB={e["RANLIB"]}',
           f'CFLAGS={e["CFLAGS"]} -D_FILE_OFFSET_BITS=64')
    b.install_files('usr/lib', 'libbz2.a')
    b.install_files('usr/include', 'bzlib.h')
