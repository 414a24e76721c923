"""isolation: the binfmt_misc rule that runs a foreign target's programs under its qemu."""
import os
import re

import pytest

from staticpython import isolation
from staticpython.targets import TARGETS

FOREIGN = sorted(n for n, t in TARGETS.items() if not t.runs_natively('x86_64'))
DEBIAN = '/usr/lib/binfmt.d'   # qemu-user-static's own rules, where installed


def fields(rule):
    name, kind, offset, magic, mask, interpreter, flags = rule.split(':')[1:]
    return {'name': name, 'kind': kind, 'offset': offset, 'magic': magic, 'mask': mask,
            'interpreter': interpreter, 'flags': flags}


def test_no_rule_where_the_machine_runs_the_programs(monkeypatch):
    monkeypatch.setattr('platform.machine', lambda: 'x86_64')
    assert isolation.binfmt_rule(TARGETS['linux-x86_64']) is None
    assert isolation.binfmt_rule(TARGETS['linux-i386']) is None


@pytest.mark.parametrize('name', FOREIGN)
def test_rule_matches_the_targets_elf_header(name, monkeypatch):
    monkeypatch.setattr('platform.machine', lambda: 'x86_64')
    monkeypatch.setattr('shutil.which', lambda p, **kw: f'/usr/bin/{os.path.basename(p)}')
    target = TARGETS[name]
    f = fields(isolation.binfmt_rule(target))
    magic, mask = _bytes(f['magic']), _bytes(f['mask'])
    assert len(magic) == len(mask) == 20 and f['kind'] == 'M' and f['offset'] == ''
    assert magic[:4] == b'\x7fELF' and magic[4] == (2 if target.elf_class == 64 else 1)
    assert magic[5] == (2 if target.big_endian else 1)
    assert mask[7] == 0            # any OS ABI: ours says GNU/Linux
    assert 'F' in f['flags']       # the emulator is opened before the chroot
    assert 'O' not in f['flags']   # a closed stdin stays closed in the program


@pytest.mark.parametrize('name', FOREIGN)
def test_rule_agrees_with_debians_where_installed(name, monkeypatch):
    monkeypatch.setattr('platform.machine', lambda: 'x86_64')
    target = TARGETS[name]
    cpu = target.qemu.removeprefix('qemu-').removesuffix('-static')
    conf = os.path.join(DEBIAN, f'qemu-{cpu}.conf')
    if not os.path.exists(conf) or not os.path.exists(f'/usr/bin/{target.qemu}'):
        pytest.skip(f'{conf} or /usr/bin/{target.qemu} is not installed (qemu-user-static)')
    ours = fields(isolation.binfmt_rule(target))
    with open(conf) as fh:
        theirs = fields(fh.read().strip())
    # The header ours describes passes Debian's rule, which may ignore more (or, for the OS
    # ABI byte, less) than ours.
    our_magic, their_magic, their_mask = (_bytes(x) for x in
                                          (ours['magic'], theirs['magic'], theirs['mask']))
    assert [a & m for a, m in zip(our_magic, their_mask)] == \
        [a & m for a, m in zip(their_magic, their_mask)]
    assert ours['interpreter'] == theirs['interpreter']
    assert set(ours['flags']) == set(theirs['flags']) - {'O'}   # isolation.py says why


def _bytes(escaped):
    return bytes(int(h, 16) for h in re.findall(r'\\x([0-9a-f]{2})', escaped))
