from staticpython.sources import Source

NAME = 'libevent'
VERSION = '2.1.12'
LICENSE = 'BSD-3-Clause'
SUMMARY = 'event loop library (libevent2) for coroutine I/O flavors'
KIND = 'library'
DEPENDS = ()
SOURCES = (
    Source('libevent-2.1.12-stable.tar.gz', 1100847,
           '92e6de1be9ec176428fd2367677e61ceffc2ee1cb119035037a27d346b0403bb',
           urls=('https://github.com/libevent/libevent/releases/download/release-2.1.12-stable/'
                 'libevent-2.1.12-stable.tar.gz',),
           pool='pool/main/libe/libevent/libevent_2.1.12-stable.orig.tar.gz'),
)
PRODUCTS = ('usr/lib/libevent.a', 'usr/lib/libevent_core.a', 'usr/include/event2/event.h')


def build(b):
    b.configure('--disable-openssl', '--disable-samples', '--disable-libevent-regress',
                '--disable-debug-mode')
    b.make()
    b.make_install()
    b.remove('usr/bin')     # event_rpcgen.py: a code generator, not part of the library
