from staticpython.sources import Source

NAME = 'libffi'
VERSION = '3.4.4'
LICENSE = 'MIT'
SUMMARY = 'foreign function calls (ctypes)'
KIND = 'library'
DEPENDS = ()
SOURCES = (
    Source('libffi-3.4.4.tar.gz', 1362394,
           'd66c56ad259a82cf2a9dfc408b32bf5da52371500b84745f7fb8b645712df676',
           urls=('https://github.com/libffi/libffi/releases/download/v3.4.4/libffi-3.4.4.tar.gz',),
           pool='pool/main/libf/libffi/libffi_3.4.4.orig.tar.gz'),
)
PRODUCTS = ('usr/lib/libffi.a', 'usr/include/ffi.h', 'usr/lib/pkgconfig/libffi.pc')


def build(b):
    b.configure('--disable-docs', '--disable-multi-os-directory')
    b.make()
    b.make_install()
