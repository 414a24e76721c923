"""musl, the C library: built inside the GCC recipe's build (a part of it), by the new
compiler, between GCC's compiler proper and its C++ library; installed into the sysroot."""
import fnmatch

from staticpython.sources import Source

NAME = 'musl'
VERSION = '1.2.5'
LICENSE = 'MIT'
SUMMARY = 'C library the interpreter is linked against statically'
KIND = 'part'
DEPENDS = ()
SOURCES = (
    Source('musl-1.2.5.tar.gz', 1080786,
           'a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4',
           urls=('https://musl.libc.org/releases/musl-1.2.5.tar.gz',),
           pool='pool/main/m/musl/musl_1.2.5.orig.tar.gz'),
)
PRODUCTS = ('usr/lib/libc.a', 'usr/lib/crt1.o', 'usr/lib/rcrt1.o', 'usr/include/stdio.h')

# musl's name for the CPU of a target triple: its configure's own rules, first match wins.
ARCH = (('arm*', 'arm'), ('aarch64*', 'aarch64'), ('i?86*', 'i386'), ('x86_64*', 'x86_64'),
        ('loongarch64*', 'loongarch64'), ('m68k*', 'm68k'), ('mips64*', 'mips64'),
        ('mipsisa64*', 'mips64'), ('mips*', 'mips'), ('microblaze*', 'microblaze'),
        ('or1k*', 'or1k'), ('powerpc64*', 'powerpc64'), ('ppc64*', 'powerpc64'),
        ('powerpc*', 'powerpc'), ('ppc*', 'powerpc'), ('riscv64*', 'riscv64'),
        ('riscv32*', 'riscv32'), ('s390x*', 's390x'), ('sh*', 'sh'))


def arch(triple):
    for pattern, name in ARCH:
        if fnmatch.fnmatchcase(triple, pattern):
            return name
    raise RuntimeError(f'musl has no port for {triple}')


def install_headers(m, sysroot):
    """Install the headers into `sysroot`: needs no compiler (GCC's build wants them first)."""
    m.make(f'ARCH={arch(m.triple)}', 'prefix=/usr', f'DESTDIR={sysroot}', 'install-headers',
           jobs=False)


def build(m):
    """Static only, with the compiler and libgcc.a in m.env (CC, LIBCC)."""
    m.run('./configure', '--prefix=/usr', '--syslibdir=/lib', f'--target={m.triple}',
          '--disable-shared')
    m.make()
    m.make_install()
