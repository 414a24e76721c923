"""Profile-guided and link-time optimisation with the toolchain: a program built with
-fprofile-generate writes its profile when run alone in an empty root (under qemu for a
foreign CPU) and is rebuilt from it with -fprofile-use; an -flto static library links into
an -flto program, with a function of the library inlined across the two."""
import os
import subprocess

from elftools.elf.elffile import ELFFile

from elfcheck import static_problems
from isolation import Root, describe

TRAINING = r'''
#include <stdio.h>
#include <stdlib.h>
static int steps(unsigned long n) {
    int k = 0;
    while (n != 1) { n = (n & 1) ? 3 * n + 1 : n / 2; k++; }
    return k;
}
int main(int argc, char **argv) {
    int limit = argc > 1 ? atoi(argv[1]) : 1000, best = 0, arg = 1;
    for (int i = 1; i < limit; i++) if (steps(i) > best) { best = steps(i); arg = i; }
    printf("longest %d steps at %d\n", best, arg);
    return 0;
}
'''


def run(cmd, cwd):
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True)
    assert proc.returncode == 0, describe(proc)
    return proc


def test_profile_guided_build(cc, target, runner, tmp_path):
    (tmp_path / 'collatz.c').write_text(TRAINING)
    # The same source, output and directory both times: the profile's name depends on them.
    build = [cc, '-O2', 'collatz.c', '-o', 'collatz']
    run(build + ['-fprofile-generate=/profile'], tmp_path)
    assert static_problems(tmp_path / 'collatz', target) == []
    with Root() as root:
        root.add('/collatz', copy_of=tmp_path / 'collatz')
        os.makedirs(root.inside('/profile'))
        trained = root.run([*root.runner(runner), '/collatz', '30000'], proc=False, env={})
        assert trained.stdout == 'longest 307 steps at 26623\n', describe(trained)
        written = os.listdir(root.inside('/profile'))
        assert len(written) == 1 and written[0].endswith('.gcda'), written
        profile = tmp_path / 'profile'
        profile.mkdir()
        data = open(root.inside('/profile/' + written[0]), 'rb').read()
        assert len(data) > 64
        (profile / written[0]).write_bytes(data)
    # A missing or unmatched profile is an error here, not a warning.
    run(build + [f'-fprofile-use={profile}', '-Werror=missing-profile',
                 '-Werror=coverage-mismatch'], tmp_path)
    with Root() as root:
        root.add('/collatz', copy_of=tmp_path / 'collatz')
        again = root.run([*root.runner(runner), '/collatz', '30000'], proc=False, env={})
        assert again.stdout == 'longest 307 steps at 26623\n', describe(again)


LIBRARY = 'int lib_square(int x) { return x * x; }\n'
MAIN = ('#include <stdio.h>\nint lib_square(int);\n'
        'int main(int argc, char **argv) { printf("%d\\n", lib_square(argc + 6)); return 0; }\n')


def symbols(path):
    with open(path, 'rb') as f:
        elf = ELFFile(f)
        table = elf.get_section_by_name('.symtab')
        return {s.name for s in table.iter_symbols()} if table else set()


def sections(path):
    with open(path, 'rb') as f:
        return {s.name for s in ELFFile(f).iter_sections()}


def test_link_time_optimisation_of_a_static_library(cc, toolchain_dir, triple, target, runner,
                                                     tmp_path):
    (tmp_path / 'square.c').write_text(LIBRARY)
    (tmp_path / 'main.c').write_text(MAIN)
    run([cc, '-O2', '-flto', '-c', 'square.c', '-o', 'square.o'], tmp_path)
    # A slim LTO object: GCC's intermediate language only, no machine code to fall back on.
    assert any(s.startswith('.gnu.lto_') for s in sections(tmp_path / 'square.o'))
    assert '__gnu_lto_slim' in symbols(tmp_path / 'square.o')
    assert 'lib_square' not in symbols(tmp_path / 'square.o')
    # gcc-ar and gcc-nm read the function through the LTO plugin.
    tool = os.path.join(toolchain_dir, 'bin', f'{triple}-gcc-')
    run([tool + 'ar', 'rcs', 'libsquare.a', 'square.o'], tmp_path)
    listed = run([tool + 'nm', 'libsquare.a'], tmp_path).stdout
    assert any(line.split()[-2:] == ['T', 'lib_square'] for line in listed.splitlines()), listed
    run([cc, '-O2', '-flto', 'main.c', '-L.', '-lsquare', '-o', 'prog'], tmp_path)
    assert static_problems(tmp_path / 'prog', target) == []
    # Inlined into main across the two units: the function itself is gone.
    assert 'lib_square' not in symbols(tmp_path / 'prog')
    with Root() as root:
        root.add('/prog', copy_of=tmp_path / 'prog')
        out = root.run([*root.runner(runner), '/prog', 'a', 'b'], proc=False, env={})
        assert out.stdout == '81\n', describe(out)
