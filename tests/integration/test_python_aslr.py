"""Where the interpreter's code and static data land: a static-pie is loaded at a new random
address by every start (ASLR, as for a dynamically linked program), a fixed-address
executable always at the same one. `id(None)` is the address of a static object of the
interpreter, so three starts alone in an empty root tell which it is."""
from isolation import describe, run_alone

RUNS = 3


def addresses(python, runner):
    seen = []
    for _ in range(RUNS):
        p = run_alone(python, ['-S', '-c', 'print(hex(id(None)))'], runner=runner)
        assert p.returncode == 0, describe(p)
        seen.append(p.stdout.strip())
    return seen


def test_static_data_address(python, runner, pie):
    seen = addresses(python, runner)
    if pie:
        assert len(set(seen)) == RUNS, f'a static-pie started at the same address: {seen}'
    else:
        assert len(set(seen)) == 1, f'a fixed-address executable moved: {seen}'
