"""What a built executable is, read with pyelftools: fully static, for the target's CPU."""
from elftools.elf.elffile import ELFFile


def static_problems(path, target, pie=False):
    """Why `path` is not a static executable for `target`: an empty list when it is.

    pie=False wants a fixed-address executable (ET_EXEC, no dynamic section), what a
    plain link gives; pie=True a static-pie (ET_DYN relocating itself: a dynamic section
    for its own relocations, but no program interpreter and no library needed)."""
    with open(path, 'rb') as f:
        elf = ELFFile(f)
        kinds = [seg['p_type'] for seg in elf.iter_segments()]
        problems = []
        if elf['e_machine'] != target.elf_machine:
            problems.append(f'machine {elf["e_machine"]}, expected {target.elf_machine}')
        wanted = ('ET_DYN',) if pie else ('ET_EXEC',)
        if elf['e_type'] not in wanted:
            problems.append(f'type {elf["e_type"]}, expected {" or ".join(wanted)}')
        if 'PT_INTERP' in kinds:
            problems.append('has PT_INTERP')
        if 'PT_DYNAMIC' in kinds and not pie:
            problems.append('has PT_DYNAMIC')
        dynamic = elf.get_section_by_name('.dynamic')
        if dynamic is not None:
            needed = [t.needed for t in dynamic.iter_tags() if t.entry.d_tag == 'DT_NEEDED']
            if needed:
                problems.append(f'needs {", ".join(needed)}')
        if 'PT_LOAD' not in kinds:
            problems.append('no PT_LOAD segment')
        return problems


def symbolic_relocations(path):
    """The dynamic relocations of `path` that name a symbol, as (type, symbol name): a
    static-pie must have none, since musl's start-up applies only relative ones."""
    from elftools.elf.constants import SH_FLAGS
    from elftools.elf.descriptions import describe_reloc_type
    from elftools.elf.relocation import RelocationSection
    found = []
    with open(path, 'rb') as f:
        elf = ELFFile(f)
        for section in elf.iter_sections():
            if not isinstance(section, RelocationSection) or not section.name.startswith('.rel'):
                continue
            if not section['sh_flags'] & SH_FLAGS.SHF_ALLOC:   # loaded: applied at start-up
                continue
            symbols = elf.get_section(section['sh_link'])
            for rel in section.iter_relocations():
                if rel['r_info_sym']:
                    found.append((describe_reloc_type(rel['r_info_type'], elf),
                                  symbols.get_symbol(rel['r_info_sym']).name))
    return found
