"""TARGETS: one entry per CPU the build can produce an interpreter for.

A target is data: the CPU name of its GNU triple (and the ABI suffix after the libc name),
the kernel's name for its architecture (for the UAPI headers), how GCC is configured for
it, the qemu user-mode emulator that runs its programs on other CPUs (and the machines
that run them natively), OpenSSL's name for it, and the flags every library is built with.
Adding a CPU is one entry here (plus, at most, a patch).
"""
import os
import platform
import shutil
from dataclasses import dataclass, field

from .libcs import LIBCS

QEMU_PACKAGE = 'qemu-user-static'   # the Debian package with the static qemu-<cpu>-static
CFLAGS = ('-O2', '-pipe', '-ffunction-sections', '-fdata-sections')


# GCC 14's ARM link spec, unlike the other CPUs', does not turn -static-pie into the linker's
# static-pie options (it passes -dynamic-linker and links a fixed-address ET_EXEC). This
# --with-specs replaces the toolchain's default one (executables static unless asked
# otherwise) with that same default plus the options the others' specs give -static-pie.
ARM_STATIC_PIE_SPECS = ('--with-specs=%{!shared:%{!r:%{!static-pie:-static}}} '
                        '%{static-pie:-Wl,-Bstatic,-pie,--no-dynamic-linker,-z,text}')


class RunnerMissing(RuntimeError):
    """A foreign target's emulator is not installed; the message names the apt package."""


@dataclass(frozen=True)
class Target:
    name: str
    arch: str                 # CPU name as in GNU triples (x86_64, i686, armv7, ...)
    summary: str
    kernel_arch: str          # ARCH= of the kernel's `make headers`
    qemu: str                 # qemu user-mode emulator for this CPU, run on other machines
    native_on: tuple          # platform.machine() values that run its programs directly
    openssl_target: str       # OpenSSL Configure target name
    abi: str = ''             # after the libc in the triple: 'eabihf' for hard-float ARM
    gcc_config: tuple = ()    # GCC configure options: default CPU, ABI, float
    elf_machine: str = ''     # e_machine of its executables, as pyelftools names it
    elf_class: int = 64       # 32 or 64: the size of its pointers
    big_endian: bool = False
    machine: str = ''         # the CPU its interpreter reports (sysconfig.get_platform())
    multiarch_cpu: str = ''   # the CPU in CPython's name of the platform, if not `arch`
    cflags: tuple = field(default=CFLAGS)
    # Whether executables are static-pie (the kernel loads their code at a random address);
    # the `pie` option overrides it. Fixed-address by default: on x86_64 the static-pie
    # interpreter was 4% slower on the geometric mean of pyperformance (two runs, 29 and 8
    # benchmarks) and 8% slower to start (it relocates, so it writes, every page of its
    # .data.rel.ro), more than the 2% the project allows for it (bench/reports/).
    pie: bool = False

    def triple(self, libc):
        return f'{self.arch}-linux-{libc}{self.abi}'

    def multiarch(self, libc):
        """CPython's name of the platform (sys.implementation._multiarch, SOABI): empty
        for a C library CPython has no name for."""
        if not LIBCS[libc].cpython_platform:
            return ''
        return f'{self.multiarch_cpu or self.arch}-linux-{libc}{self.abi}'

    def build_data(self):
        """What of this entry shapes the bytes a build produces (not its summary or how
        its programs are run)."""
        return (f'{self.name} {self.arch} {self.abi} kernel={self.kernel_arch} '
                f'gcc={self.gcc_config} openssl={self.openssl_target} cflags={self.cflags}')

    def runs_natively(self, machine=None):
        return (machine or platform.machine()).lower() in self.native_on

    def runner(self, machine=None):
        """The command prefix that runs this target's programs here: [] when the build
        machine runs them itself, else [path of the static qemu]."""
        if self.runs_natively(machine):
            return []
        path = shutil.which(self.qemu) or shutil.which(os.path.join('/usr/bin', self.qemu))
        if path is None:
            raise RunnerMissing(f'{self.qemu} not found: programs for {self.name} run under qemu '
                                f'here; install it with `apt-get install {QEMU_PACKAGE}`')
        return [path]


TARGETS = {t.name: t for t in (
    Target(
        name='linux-x86_64', machine='x86_64', arch='x86_64',
        summary='64-bit x86 (amd64) Linux, any distribution',
        kernel_arch='x86', qemu='qemu-x86_64-static', native_on=('x86_64', 'amd64'),
        openssl_target='linux-x86_64', elf_machine='EM_X86_64',
    ),
    Target(
        name='linux-i386', machine='i686', arch='i686',
        summary='32-bit x86 Linux, i686 and newer (the original StaticPython\'s platform)',
        kernel_arch='x86', qemu='qemu-i386-static', native_on=('x86_64', 'amd64', 'i686', 'i386'),
        openssl_target='linux-elf', elf_machine='EM_386', elf_class=32, multiarch_cpu='i386',
        gcc_config=('--with-arch=i686', '--with-tune=generic'),
    ),
    Target(
        name='linux-aarch64', machine='aarch64', arch='aarch64',
        summary='64-bit ARM (arm64) Linux',
        kernel_arch='arm64', qemu='qemu-aarch64-static', native_on=('aarch64', 'arm64'),
        openssl_target='linux-aarch64', elf_machine='EM_AARCH64',
    ),
    Target(
        name='linux-armv7', machine='armv7l', arch='armv7', abi='eabihf',
        summary='32-bit ARMv7 Linux, hard float (VFPv3-D16), Thumb-2',
        kernel_arch='arm', qemu='qemu-arm-static', native_on=('armv7l', 'armv8l'),
        openssl_target='linux-armv4', elf_machine='EM_ARM', elf_class=32, multiarch_cpu='arm',
        gcc_config=('--with-arch=armv7-a', '--with-fpu=vfpv3-d16', '--with-float=hard',
                    '--with-mode=thumb', ARM_STATIC_PIE_SPECS),
    ),
    Target(
        name='linux-riscv64', machine='riscv64', arch='riscv64',
        summary='64-bit RISC-V Linux (RV64GC, LP64D)',
        kernel_arch='riscv', qemu='qemu-riscv64-static', native_on=('riscv64',),
        openssl_target='linux64-riscv64', elf_machine='EM_RISCV',
        gcc_config=('--with-arch=rv64gc', '--with-abi=lp64d'),
    ),
    Target(
        name='linux-ppc64le', machine='ppc64le', arch='powerpc64le',
        summary='64-bit little-endian POWER Linux (POWER8 and newer, ELFv2)',
        kernel_arch='powerpc', qemu='qemu-ppc64le-static', native_on=('ppc64le',),
        openssl_target='linux-ppc64le', elf_machine='EM_PPC64',
        gcc_config=('--with-abi=elfv2', '--with-cpu=power8'),
    ),
    Target(
        name='linux-s390x', machine='s390x', arch='s390x',
        summary='64-bit IBM Z Linux (z196 and newer)',
        kernel_arch='s390', qemu='qemu-s390x-static', native_on=('s390x',),
        openssl_target='linux64-s390x', elf_machine='EM_S390', big_endian=True,
        gcc_config=('--with-arch=z196', '--with-long-double-128'),
    ),
)}


def native_target(machine=None):
    """The target of the build machine's own CPU, or None when we have no entry for it."""
    if platform.system() != 'Linux':
        return None
    machine = (machine or platform.machine()).lower()
    # The first entry a machine runs natively is its own (x86_64 before i386).
    return next((t.name for t in TARGETS.values() if machine in t.native_on), None)
