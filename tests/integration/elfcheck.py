"""What a built executable is, read with pyelftools: fully static, for the target's CPU."""
from elftools.elf.elffile import ELFFile


def static_problems(path, target):
    """Why `path` is not a static executable for `target`: an empty list when it is."""
    with open(path, 'rb') as f:
        elf = ELFFile(f)
        kinds = [seg['p_type'] for seg in elf.iter_segments()]
        problems = []
        if elf['e_machine'] != target.elf_machine:
            problems.append(f'machine {elf["e_machine"]}, expected {target.elf_machine}')
        if elf['e_type'] not in ('ET_EXEC', 'ET_DYN'):
            problems.append(f'type {elf["e_type"]}')
        for bad in ('PT_INTERP', 'PT_DYNAMIC'):
            if bad in kinds:
                problems.append(f'has {bad}')
        if 'PT_LOAD' not in kinds:
            problems.append('no PT_LOAD segment')
        return problems
