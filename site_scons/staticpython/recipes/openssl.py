import re

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
OPTIONS = ('no-shared', 'no-module', 'no-tests', 'no-docs',
           # What no module of CPython's uses (ssl, hashlib): left out of the binary. QUIC,
           # DTLS, compression, SRP, certificate transparency, OCSP with its HTTP client, CMS,
           # time stamps, CMP, engines, and the legacy provider, which nothing loads (its
           # algorithms are reachable only through OSSL_PROVIDER_load(), which CPython 3.13
           # does not call).
           'no-quic', 'no-dtls', 'no-comp', 'no-srp', 'no-ct', 'no-ocsp', 'no-http', 'no-cms',
           'no-ts', 'no-cmp', 'no-engine', 'no-legacy')


def build(b):
    b.run('perl', './Configure', b.target.openssl_target, '--prefix=/usr', '--libdir=lib',
          '--openssldir=/etc/ssl', *OPTIONS)
    b.make('crypto/buildinf.h', jobs=False)
    _buildinf_without_paths(b, b.src('crypto', 'buildinf.h'))
    b.make('build_libs')
    b.make_install(target='install_dev')


def _buildinf_without_paths(b, path):
    """OpenSSL_version(OPENSSL_CFLAGS) is the compiler command line, which names the work
    directory and the wrapper by absolute path: every checkout would give a different
    libcrypto.a (and interpreter). Rewrite the generated header's character array with
    those paths taken out; make sees it up to date and keeps it."""
    with open(path) as f:
        text = f.read()
    m = re.search(r"(static const char compiler_flags\[\] = \{\n)(.*?)('\\0'\n\};)", text, re.S)
    if not m:
        raise RuntimeError(f'{path}: no compiler_flags array; has mkbuildinf.pl changed?')
    chars = [c[-1] for c in re.findall(r"'(\\.|[^\\'])',", m.group(2))]
    flags = b.without_build_paths(''.join(chars))
    items = ["'" + ('\\' + c if c in "\\'" else c) + "'," for c in flags]
    body = ''.join(('\n' if i and i % 16 == 0 else '') + ('    ' if i % 16 == 0 else '') + item
                   for i, item in enumerate(items))
    with open(path, 'w') as f:
        f.write(text[:m.start(2)] + body + text[m.start(3):])
