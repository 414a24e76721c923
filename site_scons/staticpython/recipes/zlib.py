from staticpython.sources import Source

NAME = 'zlib'
VERSION = '1.3.1'
LICENSE = 'Zlib'
SUMMARY = 'deflate compression (zlib, gzip, zipimport)'
KIND = 'library'
DEPENDS = ()
SOURCES = (
    Source('zlib-1.3.1.tar.gz', None,
           '9a93b2b7dfdac77ceba5a558a580e74667dd6fede4585b91eefb60f03b72df23',
           urls=('https://zlib.net/zlib-1.3.1.tar.gz',
                 'https://github.com/madler/zlib/releases/download/v1.3.1/zlib-1.3.1.tar.gz')),
    # Debian's repack drops contrib/ and a few unbuilt files; the library sources are the same.
    Source('zlib_1.3.dfsg+really1.3.1.orig.tar.gz', 1325737,
           '60dd315c07f616887caa029408308a018ace66e3d142726a97db164b3b8f69fb',
           pool='pool/main/z/zlib/zlib_1.3.dfsg+really1.3.1.orig.tar.gz'),
)
PRODUCTS = ('usr/lib/libz.a', 'usr/include/zlib.h', 'usr/lib/pkgconfig/zlib.pc')


def build(b):
    b.run('./configure', '--static', '--prefix=/usr')
    b.make('libz.a')
    b.make_install()
