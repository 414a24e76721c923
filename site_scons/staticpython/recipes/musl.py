from staticpython.sources import Source

NAME = 'musl'
VERSION = '1.2.5'
LICENSE = 'MIT'
SUMMARY = 'C library the interpreter is linked against statically'
KIND = 'toolchain'
DEPENDS = ()
SOURCES = (
    Source('musl-1.2.5.tar.gz', 1080786,
           'a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4',
           urls=('https://musl.libc.org/releases/musl-1.2.5.tar.gz',),
           pool='pool/main/m/musl/musl_1.2.5.orig.tar.gz'),
)
PRODUCTS = ('usr/lib/libc.a', 'usr/lib/crt1.o', 'usr/include/stdio.h')


def build(b):
    b.run('./configure', '--prefix=/usr', '--syslibdir=/lib', f'--target={b.triple}',
          '--disable-shared', '--disable-wrapper')
    b.make()
    b.make_install()
