"""GNU binutils for the target: assembler, linker (ld.bfd, with the LTO plugin interface),
ar with deterministic archives by default, and the object-file tools."""
from staticpython import toolchain
from staticpython.sources import Source

NAME = 'binutils'
VERSION = '2.44'
LICENSE = 'GPL-3.0-or-later'
SUMMARY = 'assembler, linker and object-file tools of the toolchain'
KIND = 'toolchain'
DEPENDS = ()
SOURCES = (
    Source('binutils-2.44.tar.xz', None,
           'ce2017e059d63e67ddb9240e9d4ec49c2893605035cd60e92ad53177f4377237',
           urls=('https://ftp.gnu.org/gnu/binutils/binutils-2.44.tar.xz',
                 'https://sourceware.org/pub/binutils/releases/binutils-2.44.tar.xz')),
    # Debian's orig: the same source tree, compressed anew.
    Source('binutils_2.44.orig.tar.xz', 27504768,
           'c41a0272424f41bb01bf828e7ffef1b2d59d1788064fd6b5f1d971717e9320b8',
           pool='pool/main/b/binutils/binutils_2.44.orig.tar.xz'),
)
PRODUCTS = ('bin/{triple}-ld', 'bin/{triple}-as', 'bin/{triple}-ar', '{triple}/bin/ld')

CONFIGURE = (
    '--disable-nls', '--disable-werror', '--disable-multilib',
    '--enable-deterministic-archives',    # ar and ranlib write zero dates, owners and modes
    '--enable-plugins',                   # ld and ar load GCC's LTO plugin
    '--disable-gprofng', '--disable-libctf',
    # Nothing of the build machine's optional libraries: the same tools on any machine.
    '--without-zstd', '--without-debuginfod', '--without-msgpack',
)


def build(b):
    obj = b.mkdir('obj')
    # By relative path, so that __FILE__ in the tools names no directory of this machine.
    b.run('../src/configure', f'--target={b.triple}', f'--prefix={toolchain.PREFIX}',
          f'--with-sysroot={toolchain.sysroot(b.triple)}', *CONFIGURE, cwd=obj)
    b.make('MAKEINFO=true', cwd=obj)
    b.install_prefix(toolchain.PREFIX, 'install-strip', 'MAKEINFO=true', cwd=obj)
