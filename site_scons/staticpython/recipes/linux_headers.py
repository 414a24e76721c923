"""Linux kernel UAPI headers for the target's CPU: `make headers` of the pinned kernel
source, for ARCH=<the target's kernel_arch>. They describe the kernel's stable system-call
interface; musl and CPython need them for <linux/...> and <asm/...>."""
import os
import shutil

from staticpython.sources import Source

NAME = 'linux-headers'
VERSION = '6.12.38'
LICENSE = 'GPL-2.0-only WITH Linux-syscall-note'
SUMMARY = "Linux UAPI headers (the kernel's system-call interface), per CPU"
KIND = 'toolchain'
DEPENDS = ()
SOURCES = (
    # Debian's repack of the upstream release (cdn.kernel.org's linux-6.12.38.tar.xz, whose
    # sha256 could not be checked from this project's machines: pin it once it can be).
    Source('linux_6.12.38.orig.tar.xz', 151129260,
           '8c89ced59bbd40280ddbe51e50114e2cf7b665104e16116949bd205c17371c0d',
           pool='pool/main/l/linux/linux_6.12.38.orig.tar.xz'),
)
# `make headers` needs only these parts of the 1.4 GB tree (unpacking the rest costs minutes).
UNPACK = ('Makefile', 'Kbuild', 'Kconfig', 'arch/', 'include/', 'scripts/', 'tools/include/',
          'usr/')
PRODUCTS = ('{triple}/sysroot/usr/include/linux/version.h',
            '{triple}/sysroot/usr/include/asm/unistd.h')


def build(b):
    obj = os.path.join(b.workdir, 'obj')
    b.make(f'ARCH={b.target.kernel_arch}', f'O={obj}', 'HOSTCC=gcc', 'headers',
           env={'CC': 'gcc'})
    out = b.dest(b.triple, 'sysroot', 'usr', 'include')
    src = os.path.join(obj, 'usr', 'include')
    # As `make headers_install` does: the headers only, not the build's .cmd files.
    shutil.copytree(src, out, ignore=lambda d, names: [
        n for n in names if not n.endswith('.h') and not os.path.isdir(os.path.join(d, n))])
