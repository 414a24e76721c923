"""Where two builds of the interpreter differ: its ELF sections, then its appended ZIP's
members. For the message of a failed reproducibility check, so that it names what varies."""
import os
import zipfile

from elftools.elf.elffile import ELFFile


def _sections(path):
    with open(path, 'rb') as f:
        elf = ELFFile(f)
        out = {}
        for s in elf.iter_sections():
            data = b'' if s['sh_type'] == 'SHT_NOBITS' else s.data()
            out[s.name] = (s['sh_size'], data)
        return elf.header['e_entry'], out


def _members(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: (i.file_size, i.CRC, i.header_offset) for i in z.infolist()}


def describe(first, second, limit=12):
    """Lines saying which sections and members of `second` differ from `first`."""
    lines = [f'{first}: {os.path.getsize(first)} bytes; {second}: {os.path.getsize(second)} '
             f'bytes; first difference at byte {_first_difference(first, second)}']
    (entry_a, a), (entry_b, b) = _sections(first), _sections(second)
    if entry_a != entry_b:
        lines.append(f'  ELF entry point {entry_a:#x} against {entry_b:#x}')
    for name in sorted(set(a) | set(b)):
        if a.get(name) != b.get(name):
            sizes = [x[0] if x else 'missing' for x in (a.get(name), b.get(name))]
            lines.append(f'  ELF {name or "(null)"} differs (sizes {sizes[0]}, {sizes[1]})')
    try:
        za, zb = _members(first), _members(second)
    except zipfile.BadZipFile as e:
        return lines + [f'  the appended ZIP cannot be read: {e}']
    content = {n: tuple(z[n][:2] if n in z else 'missing' for z in (za, zb))
               for n in set(za) | set(zb)}
    changed = sorted(n for n, (x, y) in content.items() if x != y)
    moved = sum(1 for n in set(za) & set(zb) if za[n][2] != zb[n][2])
    for name in changed[:limit]:
        lines.append(f'  ZIP {name}: (size, crc) {content[name][0]} against {content[name][1]}')
    if len(changed) > limit:
        lines.append(f'  ZIP ... and {len(changed) - limit} more members differ')
    lines.append(f'  ZIP: {len(changed)} members differ in content, {moved} start elsewhere')
    return lines


def _first_difference(first, second, chunk=1 << 20):
    with open(first, 'rb') as a, open(second, 'rb') as b:
        offset = 0
        while True:
            x, y = a.read(chunk), b.read(chunk)
            if x != y:
                return offset + next((i for i, (p, q) in enumerate(zip(x, y)) if p != q),
                                     min(len(x), len(y)))
            if not x:
                return None
            offset += len(x)
