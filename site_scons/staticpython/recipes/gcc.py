"""GCC for the target, C and C++, with the C library (musl, a PART of this build).

The classic order of a cross toolchain (musl-cross-make and crosstool-NG do the same):
the C library's headers into a build sysroot; GCC's compiler proper and libgcc; the C
library, compiled by that compiler; then the rest of GCC (libstdc++, libatomic, libgcov,
the LTO plugin) against it. Only static target libraries are built, and the driver links
statically unless told -shared, -r or -static-pie: everything this toolchain links runs
with no other file.
"""
import os
import re

from staticpython import toolchain
from staticpython.sources import Source

from . import musl

NAME = 'gcc'
VERSION = '14.2.0'
LICENSE = 'GPL-3.0-or-later WITH GCC-exception-3.1 (runtime libraries)'
SUMMARY = 'C and C++ compiler of the toolchain, with libstdc++, libgcc and libgcov'
KIND = 'toolchain'
DEPENDS = ('binutils', 'linux-headers')
PARTS = ('musl',)
SOURCES = (
    Source('gcc-14.2.0.tar.xz', None,
           'a7b39bc69cbf9e25826c5a60ab26477001f7c08d85cec04bc0e29cabed6f3cc9',
           urls=('https://ftp.gnu.org/gnu/gcc/gcc-14.2.0/gcc-14.2.0.tar.xz',
                 'https://sourceware.org/pub/gcc/releases/gcc-14.2.0/gcc-14.2.0.tar.xz')),
    # Debian's orig wraps the release without its GFDL manuals (gcc-14.2.0-dfsg.tar.xz).
    Source('gcc-14_14.2.0.orig.tar.gz', 94299633,
           'e162a5ef3f0077ecae598c6556908d2ab80841532df3398072a96a6df6e6aa29',
           pool='pool/main/g/gcc-14/gcc-14_14.2.0.orig.tar.gz', inner='gcc-14.2.0-dfsg.tar.xz'),
)
PRODUCTS = ('bin/{triple}-gcc', 'bin/{triple}-g++', 'bin/{triple}-gcc-ar',
            'lib/gcc/{triple}/14.2.0/libgcc.a',       # with the unwinder: no libgcc_eh.a
            'lib/gcc/{triple}/14.2.0/libgcov.a', 'libexec/gcc/{triple}/14.2.0/liblto_plugin.so',
            '{triple}/include/c++/14.2.0/iostream', '{triple}/lib*/libstdc++.a',
            '{triple}/lib*/libatomic.a', '{triple}/sysroot/usr/lib/libc.a')

CONFIGURE = (
    '--enable-languages=c,c++', '--disable-multilib', '--disable-bootstrap', '--disable-nls',
    '--disable-werror', '--without-system-zlib',
    # Nothing of the build machine's optional libraries: the same compiler on any machine.
    '--without-zstd', '--without-isl',
    '--disable-shared',               # target libraries: static only (the LTO plugin stays)
    '--enable-lto', '--disable-plugin', '--enable-tls', '--enable-initfini-array',
    '--disable-gnu-indirect-function',                   # musl has no ifunc
    '--enable-libstdcxx-time=yes', '--disable-libstdcxx-pch',
    # Not needed by what we build, and each costs minutes per target.
    '--disable-libsanitizer', '--disable-libgomp', '--disable-libquadmath', '--disable-libitm',
    '--disable-libvtv', '--disable-libssp',
    # Executables are static unless asked otherwise (the build links nothing else).
    '--with-specs=%{!shared:%{!r:%{!static-pie:-static}}}',
)
MAKE_VARS = ('MAKEINFO=true',)   # no manuals
# The target libraries (and the C library): optimised, without GCC's default -g (libgcc
# adds its own), with this work directory's name mapped away (debug information and
# assert()'s __FILE__), and position-independent, so that one toolchain links both
# fixed-address static executables and static-pie ones (ASLR for the program's code).
TARGET_FLAGS = '-O2 -fPIE'


def build(b):
    build_sysroot = os.path.join(b.deps, b.triple, 'sysroot')
    # The target's binutils, from the binutils pkg among the dependencies.
    b.env['PATH'] = f'{b.deps}/bin:{b.env["PATH"]}'
    libc = b.part(musl, b.dest(b.triple, 'sysroot'))
    musl.install_headers(libc, build_sysroot)

    obj = b.mkdir('obj')
    mapped = f'-ffile-prefix-map={b.workdir}={toolchain.mapped_name(NAME)}'
    flags = f'{TARGET_FLAGS} {mapped}'
    b.run('../src/configure', f'--target={b.triple}', f'--prefix={toolchain.PREFIX}',
          f'--with-sysroot={toolchain.sysroot(b.triple)}', f'--with-build-sysroot={build_sysroot}',
          *CONFIGURE, *b.target.gcc_config,
          f'CFLAGS_FOR_TARGET={flags}', f'CXXFLAGS_FOR_TARGET={flags}', cwd=obj)
    _record_configure_without_paths(b, os.path.join(obj, 'Makefile'))
    b.make('all-gcc', *MAKE_VARS, cwd=obj)
    b.make('all-target-libgcc', *MAKE_VARS, cwd=obj)

    # The C library, compiled by the compiler just built, with its libgcc.
    xgcc = os.path.join(obj, 'gcc')
    libc.env.update(CC=f'{xgcc}/xgcc -B{xgcc}/', LIBCC=f'{obj}/{b.triple}/libgcc/libgcc.a',
                    AR=f'{b.triple}-ar', RANLIB=f'{b.triple}-ranlib', CFLAGS=f'{flags} -pipe')
    musl.build(libc)                                    # into the toolchain's sysroot
    libc.make('install', f'DESTDIR={build_sysroot}', jobs=False)   # and the build's
    b.make(*MAKE_VARS, cwd=obj)
    b.install_prefix(toolchain.PREFIX, 'install-strip', *MAKE_VARS, cwd=obj)
    # The LTO bytecode dumper is a 30 MB debugging tool.
    b.remove(f'bin/{b.triple}-lto-dump')


def _record_configure_without_paths(b, makefile):
    """`gcc -v` prints the configure command line (TOPLEVEL_CONFIGURE_ARGUMENTS in the
    top Makefile, handed to gcc/configure): say the build sysroot's mapped name there, so
    the driver's bytes do not depend on where it was built."""
    with open(makefile) as f:
        text = f.read()
    pattern = re.compile(r'^TOPLEVEL_CONFIGURE_ARGUMENTS=.*$', re.M)
    if not pattern.search(text):
        raise RuntimeError(f'{makefile}: no TOPLEVEL_CONFIGURE_ARGUMENTS; has GCC changed?')
    text = pattern.sub(lambda m: b.without_build_paths(m.group(0)), text)
    with open(makefile, 'w') as f:
        f.write(text)
