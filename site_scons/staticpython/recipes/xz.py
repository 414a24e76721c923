from staticpython.sources import Source

NAME = 'xz'
VERSION = '5.8.1'
LICENSE = '0BSD'
SUMMARY = 'liblzma: xz and lzma compression (lzma)'
KIND = 'library'
DEPENDS = ()
SOURCES = (
    Source('xz-5.8.1.tar.xz', 1461872,
           '0b54f79df85912504de0b14aec7971e3f964491af1812d83447005807513cd9e',
           urls=('https://github.com/tukaani-project/xz/releases/download/v5.8.1/xz-5.8.1.tar.xz',
                 'https://tukaani.org/xz/xz-5.8.1.tar.xz'),
           pool='pool/main/x/xz-utils/xz-utils_5.8.1.orig.tar.xz'),
)
PRODUCTS = ('usr/lib/liblzma.a', 'usr/include/lzma.h', 'usr/lib/pkgconfig/liblzma.pc')


def build(b):
    b.configure('--disable-xz', '--disable-xzdec', '--disable-lzmadec', '--disable-lzmainfo',
                '--disable-lzma-links', '--disable-scripts', '--disable-doc', '--disable-nls')
    b.make()
    b.make_install()
