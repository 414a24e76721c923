"""targets: each CPU is one data entry; how its programs run on this machine."""
import re

import pytest

from staticpython import targets
from staticpython.recipes import musl
from staticpython.targets import TARGETS, RunnerMissing

SEVEN = ('linux-x86_64', 'linux-i386', 'linux-aarch64', 'linux-armv7', 'linux-riscv64',
         'linux-ppc64le', 'linux-s390x')


def test_the_seven_linux_targets():
    assert tuple(TARGETS) == SEVEN


@pytest.mark.parametrize('name', SEVEN)
def test_entry(name):
    t = TARGETS[name]
    assert t.name == name and t.summary
    assert re.fullmatch(r'[a-z0-9_]+-linux-musl(eabihf)?', t.triple('musl')), t.triple('musl')
    assert re.fullmatch(r'qemu-[a-z0-9_]+-static', t.qemu)
    assert t.native_on and t.kernel_arch and t.openssl_target and t.elf_machine.startswith('EM_')
    assert all(o.startswith('--with-') for o in t.gcc_config), t.gcc_config
    assert musl.arch(t.triple('musl'))


def test_hard_float_arm_triple():
    assert TARGETS['linux-armv7'].triple('musl') == 'armv7-linux-musleabihf'
    assert TARGETS['linux-i386'].triple('musl') == 'i686-linux-musl'


def test_build_data_leaves_out_how_programs_run():
    t = TARGETS['linux-aarch64']
    assert t.qemu not in t.build_data() and t.summary not in t.build_data()
    assert t.triple('musl').split('-')[0] in t.build_data()


@pytest.mark.parametrize('machine, native', [('x86_64', 'linux-x86_64'), ('aarch64', 'linux-aarch64'),
                                             ('armv7l', 'linux-armv7'), ('ppc64le', 'linux-ppc64le'),
                                             ('s390x', 'linux-s390x'), ('riscv64', 'linux-riscv64'),
                                             ('i686', 'linux-i386'), ('mips', None)])
def test_native_target(machine, native, monkeypatch):
    monkeypatch.setattr(targets.platform, 'system', lambda: 'Linux')
    assert targets.native_target(machine) == native


def test_i386_runs_natively_on_x86_64():
    assert TARGETS['linux-i386'].runner('x86_64') == []
    assert TARGETS['linux-x86_64'].runner('x86_64') == []


def test_foreign_target_runs_under_its_qemu(monkeypatch):
    monkeypatch.setattr(targets.shutil, 'which', lambda name: f'/usr/bin/{name}')
    assert TARGETS['linux-s390x'].runner('x86_64') == ['/usr/bin/qemu-s390x-static']
    assert TARGETS['linux-x86_64'].runner('aarch64') == ['/usr/bin/qemu-x86_64-static']


def test_missing_qemu_names_the_apt_package(monkeypatch):
    monkeypatch.setattr(targets.shutil, 'which', lambda name: None)
    with pytest.raises(RunnerMissing) as e:
        TARGETS['linux-riscv64'].runner('x86_64')
    message = str(e.value)
    assert '\n' not in message
    assert 'qemu-riscv64-static' in message and 'apt-get install qemu-user-static' in message


def test_musl_names_the_cpu_as_its_configure_does():
    assert musl.arch('i486-linux-musl') == 'i386'
    assert musl.arch('powerpc64le-linux-musl') == 'powerpc64'
    assert musl.arch('armv7-linux-musleabihf') == 'arm'
    with pytest.raises(RuntimeError, match='musl has no port for sparc64-linux-musl'):
        musl.arch('sparc64-linux-musl')
