from staticpython.sources import Source

NAME = 'openssl'
VERSION = '3.5.7'
LICENSE = 'Apache-2.0'
SUMMARY = 'TLS and cryptography (ssl, hashlib), 3.5 long-term support series'
KIND = 'library'
DEPENDS = ()
SOURCES = (
    Source('openssl-3.5.7.tar.gz', 53153930,
           'a8c0d28a529ca480f9f36cf5792e2cd21984552a3c8e4aa11a24aa31aeac98e8',
           urls=('https://github.com/openssl/openssl/releases/download/openssl-3.5.7/openssl-3.5.7.tar.gz',
                 'https://www.openssl.org/source/openssl-3.5.7.tar.gz'),
           pool='pool/main/o/openssl/openssl_3.5.7.orig.tar.gz'),
)
PRODUCTS = ('usr/lib/libssl.a', 'usr/lib/libcrypto.a', 'usr/include/openssl/ssl.h',
            'usr/lib/pkgconfig/openssl.pc')

# Static libraries only; providers built in; no test programs, docs or command-line app.
OPTIONS = ('no-shared', 'no-module', 'no-tests', 'no-docs')


def build(b):
    b.run('perl', './Configure', b.target.openssl_target, '--prefix=/usr', '--libdir=lib',
          '--openssldir=/etc/ssl', *OPTIONS)
    b.make('build_libs')
    b.make_install(target='install_dev')
