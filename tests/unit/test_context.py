"""BuildContext: recorded command lines without this checkout's paths; the toolchain layout."""
import os
import types

from staticpython import toolchain
from staticpython.context import BuildContext
from staticpython.targets import TARGETS


def _ctx(tmp_path, name='openssl', tc='/home/me/sp/build/linux-x86_64/musl/toolchain'):
    recipe = types.SimpleNamespace(NAME=name, VERSION='1', SOURCES=())
    return BuildContext(recipe, TARGETS['linux-x86_64'], 'musl', str(tmp_path / 'work' / name),
                        1, {'PATH': os.environ['PATH']}, str(tmp_path / 'log'), toolchain=tc)


def test_compiler_by_name_and_directories_by_their_mapped_names(tmp_path):
    ctx = _ctx(tmp_path)
    tc = '/home/me/sp/build/linux-x86_64/musl/toolchain'
    line = (f'{tc}/bin/x86_64-linux-musl-gcc -O2 -ffile-prefix-map={ctx.workdir}=/staticpython/openssl '
            f'-ffile-prefix-map={tc}=/staticpython/toolchain -I{ctx.workdir}/deps/usr/include '
            f'-isystem {tc}/x86_64-linux-musl/sysroot/usr/include')
    assert ctx.without_build_paths(line) == (
        'x86_64-linux-musl-gcc -O2 -ffile-prefix-map=/staticpython/openssl=/staticpython/openssl '
        '-ffile-prefix-map=/staticpython/toolchain=/staticpython/toolchain '
        '-I/staticpython/openssl/deps/usr/include '
        '-isystem /staticpython/toolchain/x86_64-linux-musl/sysroot/usr/include')


def test_the_toolchains_own_build_has_no_toolchain_to_map(tmp_path):
    ctx = _ctx(tmp_path, 'gcc', tc=None)
    assert ctx.without_build_paths(f'--with-build-sysroot={ctx.workdir}/deps/x/sysroot') == \
        '--with-build-sysroot=/staticpython/gcc/deps/x/sysroot'


def test_mapped_toolchain_name_is_the_configured_prefix():
    assert toolchain.mapped_name('toolchain') == toolchain.PREFIX
    assert toolchain.sysroot('aarch64-linux-musl') == \
        '/staticpython/toolchain/aarch64-linux-musl/sysroot'
    assert toolchain.tool('/x/toolchain', 't', 'gcc') == '/x/toolchain/bin/t-gcc'


def test_install_prefix_moves_the_prefix_tree_into_destdir(tmp_path):
    ctx = _ctx(tmp_path, 'binutils', tc=None)
    obj = tmp_path / 'obj'
    obj.mkdir()
    (obj / 'Makefile').write_text(
        'install:\n\tmkdir -p $(DESTDIR)/p/q/bin $(DESTDIR)/p/q/share/man/man1\n'
        '\techo tool > $(DESTDIR)/p/q/bin/t-ld\n\techo doc > $(DESTDIR)/p/q/share/man/man1/ld.1\n')
    ctx.install_prefix('/p/q', 'install', cwd=str(obj))
    assert (tmp_path / 'work' / 'binutils' / 'dest' / 'bin' / 't-ld').read_text() == 'tool\n'
    assert not (tmp_path / 'work' / 'binutils' / 'dest' / 'share' / 'man').exists()
    assert not (tmp_path / 'work' / 'binutils' / 'staging').exists()
