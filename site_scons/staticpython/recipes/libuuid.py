from staticpython.libcs import LIBCS
from staticpython.sources import Source

NAME = 'libuuid'
VERSION = '2.41.5'
LICENSE = 'BSD-3-Clause'
SUMMARY = "UUID generation from util-linux (_uuid: uuid.uuid1() without a MAC lookup)"
KIND = 'library'
DEPENDS = ()
SOURCES = (
    Source('util-linux-2.41.5.tar.xz', 9474992,
           'f586e35d320ff537aab3ffeca37e9ecd482ccbe013590db4429a414d8aa6a728',
           urls=('https://www.kernel.org/pub/linux/utils/util-linux/v2.41/util-linux-2.41.5.tar.xz',),
           pool='pool/main/u/util-linux/util-linux_2.41.5.orig.tar.xz'),
)
PRODUCTS = ('usr/lib/libuuid.a', 'usr/include/uuid/uuid.h', 'usr/lib/pkgconfig/uuid.pc')


def build(b):
    # Only the library: util-linux's programs need much more than a static musl build has.
    b.configure('--disable-all-programs', '--enable-libuuid', '--disable-nls', '--without-python',
                '--without-systemd', '--without-udev', '--without-tinfo', '--without-ncursesw',
                '--disable-asciidoc', '--disable-poman', '--disable-bash-completion',
                *year2038(b))
    b.make('libuuid.la')
    b.make_install(target='install-uuidincHEADERS')
    b.make_install(target='install-usrlib_execLTLIBRARIES')
    b.make_install(target='install-pkgconfigDATA')


def year2038(b):
    """configure stops where time_t cannot pass January 2038 unless told to go on: where the
    C library's time_t has 32 bits (libcs.py), uuid1()'s time stamps end there as every
    other time does."""
    return ['--disable-year2038'] if b.target.name in LIBCS[b.libc].time32_targets else []
