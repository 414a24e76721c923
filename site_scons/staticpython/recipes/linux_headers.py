"""Linux kernel UAPI headers, copied from Debian's linux-libc-dev package of the build
machine (or linux-libc-dev-<arch>-cross for a foreign target). They describe the kernel's
stable system-call interface; musl needs them for <linux/...> and <asm/...>."""
import os
import shutil
import subprocess

NAME = 'linux-headers'
LICENSE = 'GPL-2.0-only WITH Linux-syscall-note'
SUMMARY = "Linux UAPI headers from Debian's linux-libc-dev"
KIND = 'toolchain'
DEPENDS = ()
SOURCES = ()
PRODUCTS = ('usr/include/linux/version.h', 'usr/include/asm/unistd.h')
PACKAGE = 'linux-libc-dev'
# Top-level directories of the UAPI headers (asm/ comes from the architecture's directory).
DIRS = ('linux', 'asm-generic', 'drm', 'misc', 'mtd', 'rdma', 'scsi', 'sound', 'video', 'xen')


def _version():
    try:
        out = subprocess.run(['dpkg-query', '-W', '-f', '${Version}', PACKAGE],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'missing'


VERSION = _version()


def build(b):
    if VERSION == 'missing':
        raise RuntimeError(f'{PACKAGE} is not installed: run the README\'s first command '
                           f'(apt-get install {PACKAGE})')
    out = b.dest('usr/include')
    for d in DIRS:
        src = os.path.join('/usr/include', d)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(out, d))
    shutil.copytree(os.path.join('/usr/include', b.target.kernel_arch, 'asm'),
                    os.path.join(out, 'asm'))
