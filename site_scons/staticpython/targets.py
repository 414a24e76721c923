"""TARGETS: one entry per platform the build can produce an interpreter for.

A target is data: the GNU triple the toolchain wrapper answers to, the prefix of the
Debian cross tools (empty for the build machine's own), the qemu runner for foreign CPUs,
the kernel-header architecture, and the compiler flags every library is built with.
"""
import platform
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    name: str
    arch: str                 # CPU name as in GNU triples
    summary: str
    cross_prefix: str = ''    # e.g. 'aarch64-linux-gnu-' for Debian's cross gcc
    qemu: str = ''            # e.g. 'qemu-aarch64-static'; empty: runs natively
    kernel_arch: str = ''     # Debian's multiarch include dir holding asm/ (for kernel headers)
    openssl_target: str = ''  # OpenSSL Configure target name
    cflags: tuple = field(default_factory=tuple)

    def triple(self, libc):
        return f'{self.arch}-linux-{libc}'


TARGETS = {t.name: t for t in (
    Target(
        name='linux-x86_64',
        arch='x86_64',
        summary='64-bit x86 Linux (any distribution, kernel 3.2 or newer)',
        kernel_arch='x86_64-linux-gnu',
        openssl_target='linux-x86_64',
        cflags=('-O2', '-pipe', '-ffunction-sections', '-fdata-sections'),
    ),
)}

# Machine names as platform.machine() reports them, mapped to our target names.
_NATIVE = {'x86_64': 'linux-x86_64', 'amd64': 'linux-x86_64'}


def native_target():
    """The target matching the build machine, or None when we have no entry for it."""
    if platform.system() != 'Linux':
        return None
    return _NATIVE.get(platform.machine().lower())
