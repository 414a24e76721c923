"""Where the interpreter's code and static data land: a static-pie is loaded at a new random
address by every start (ASLR, as for a dynamically linked program), a fixed-address
executable always at the same one. `id(None)` is the address of a static object of the
interpreter, so three starts alone in an empty root tell which it is."""
import pytest

from isolation import describe, run_alone

RUNS = 3


def addresses(python, runner):
    seen = []
    for _ in range(RUNS):
        p = run_alone(python, ['-S', '-c', 'print(hex(id(None)))'], runner=runner)
        assert p.returncode == 0, describe(p)
        seen.append(p.stdout.strip())
    return seen


def test_static_data_address(python, runner, pie, target):
    if pie and not target.runs_natively():
        # qemu-user's own ELF loader chooses where a static-pie goes, the same place every
        # run (measured: qemu 7.2, armv7 and aarch64); that the file is ET_DYN with its
        # relocations is checked in test_python_elf.py, the random placement natively.
        pytest.skip('qemu user mode loads a static-pie at the same address every run: '
                    'ASLR is checked on a CPU that runs it natively')
    seen = addresses(python, runner)
    if pie:
        assert len(set(seen)) == RUNS, f'a static-pie started at the same address: {seen}'
    else:
        assert len(set(seen)) == 1, f'a fixed-address executable moved: {seen}'
