"""Where the bytes of a built interpreter go: ELF sections, code and data by library, and the
appended ZIP by kind of member.

usage: python3 bench/size.py BINARY [--unstripped PKG_PYTHON] [--libs DIR ...] [--nm NM]

BINARY is the single file (stripped, ZIP appended). With --unstripped (bin/python of the
interpreter pkg, which keeps its symbol table) and the static libraries it was linked with
(--libs: directories of .a files, e.g. build/<target>/musl/stage/usr/lib and the toolchain's
sysroot/usr/lib), every symbol's size is charged to the library that defines a symbol of
that name; what no library defines is CPython's own code (and what LTO renamed).
"""
import argparse
import collections
import glob
import os
import subprocess
import sys
import zipfile

from elftools.elf.elffile import ELFFile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import startup          # noqa: E402


def sections(path):
    """(name, size) of the sections loaded into memory, largest first, and the file's
    ELF part (everything before the ZIP)."""
    with open(path, 'rb') as f:
        elf = ELFFile(f)
        out = [(s.name, s['sh_size']) for s in elf.iter_sections()
               if s['sh_flags'] & 2 and s['sh_type'] != 'SHT_NOBITS']    # SHF_ALLOC
    return sorted(out, key=lambda item: -item[1])


def zip_kinds(path):
    """Bytes of the ZIP by kind of member (compressed data plus its two headers)."""
    kinds = collections.Counter()
    counts = collections.Counter()
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            name = info.filename
            if name.startswith('tzdata/'):
                kind = 'tzdata/'
            elif name.startswith('ensurepip/_bundled/'):
                kind = 'ensurepip wheels'
            else:
                kind = os.path.splitext(name)[1] or '(no suffix)'
            overhead = 30 + 46 + 2 * len(name.encode()) + len(info.extra)
            kinds[kind] += info.compress_size + overhead
            counts[kind] += 1
    return kinds, counts


def defined_symbols(nm, archive):
    out = subprocess.run([nm, '--defined-only', archive], capture_output=True, text=True)
    names = set()
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3:
            names.add(parts[2])
    return names


def by_library(nm, unstripped, lib_dirs):
    owners = {}
    for d in lib_dirs:
        for archive in sorted(glob.glob(os.path.join(d, '*.a'))):
            lib = os.path.basename(archive)
            for name in defined_symbols(nm, archive):
                owners.setdefault(name, lib)
    out = subprocess.run([nm, '--size-sort', '-S', unstripped], capture_output=True, text=True,
                         check=True)
    sizes = collections.Counter()
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) != 4:
            continue
        size, kind, name = int(parts[1], 16), parts[2].lower(), parts[3]
        where = owners.get(name, 'CPython (and LTO-renamed)')
        area = 'code' if kind in 'tw' else 'data'
        sizes[(where, area)] += size
    return sizes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('binary')
    ap.add_argument('--unstripped')
    ap.add_argument('--libs', action='append', default=[])
    ap.add_argument('--nm', default='nm')
    args = ap.parse_args()

    total = os.path.getsize(args.binary)
    zip_bytes, entries = startup.zip_span(args.binary)
    print(f'{args.binary}: {total:,} bytes ({total / 2**20:.2f} MiB): ELF {total - zip_bytes:,}, '
          f'ZIP {zip_bytes:,} ({entries} entries)\n')
    print('| section | bytes |\n|---|---|')
    for name, size in sections(args.binary):
        if size >= 4096:
            print(f'| {name} | {size:,} |')
    kinds, counts = zip_kinds(args.binary)
    print('\n| ZIP members | count | bytes |\n|---|---|---|')
    for kind, size in kinds.most_common():
        print(f'| {kind} | {counts[kind]} | {size:,} |')
    if args.unstripped:
        sizes = by_library(args.nm, args.unstripped, args.libs)
        libs = sorted({lib for lib, _ in sizes}, key=lambda l: -(sizes[(l, 'code')] + sizes[(l, 'data')]))
        print('\n| library | code | data |\n|---|---|---|')
        for lib in libs:
            print(f'| {lib} | {sizes[(lib, "code")]:,} | {sizes[(lib, "data")]:,} |')
    return 0


if __name__ == '__main__':
    sys.exit(main())
