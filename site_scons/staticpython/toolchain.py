"""Where the toolchain lives, and the names that stand for build paths in what it compiles.

The toolchain of a (target, libc) is one directory, build/<target>/<libc>/toolchain/: the
union of the toolchain pkgs (kernel headers, binutils, GCC with the C library), configured
for the prefix PREFIX and moved there. GCC and binutils find everything relative to their
own location, so the directory works wherever it is unpacked:

  bin/<triple>-gcc, -g++, -ar, ...     the tools
  <triple>/sysroot/usr/{include,lib}   the C library and the kernel's UAPI headers
  <triple>/include/c++/, lib*/         libstdc++ and GCC's other target libraries (lib64/
                                       on most 64-bit CPUs, as GCC's multilib layout says)
  lib/gcc/<triple>/<version>/          libgcc, libgcov, crt*.o, GCC's own headers
  libexec/gcc/<triple>/<version>/      cc1, cc1plus, lto1, the LTO linker plugin
"""
PREFIX = '/staticpython/toolchain'


def mapped_name(name):
    """What -ffile-prefix-map calls a build directory (`name`'s work directory, the
    toolchain) in debug info and __FILE__, and what recorded command lines say instead."""
    return f'/staticpython/{name}'


def sysroot(triple, root=PREFIX):
    """The sysroot inside a toolchain directory `root` (by default, as configured)."""
    return f'{root}/{triple}/sysroot'


def tool(root, triple, name):
    """The path of a tool (`gcc`, `strip`, ...) of the toolchain in directory `root`."""
    return f'{root}/bin/{triple}-{name}'
