"""The compiler wrapper and pkg-config wrapper scripts, run for real with stand-in tools."""
import os
import subprocess

from staticpython import wrapper


def make_script(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    path.chmod(0o755)
    return str(path)


def test_print_multiarch_and_dumpmachine_answer_the_musl_triple(tmp_path):
    w = make_script(tmp_path, 'cc', wrapper.wrapper_text('x86_64-linux-musl', '/bin/false',
                                                         'gcc 12', '/gcc/include'))
    for flag in ('--print-multiarch', '-print-multiarch', '-dumpmachine'):
        out = subprocess.run([w, flag], capture_output=True, text=True, check=True).stdout
        assert out == 'x86_64-linux-musl\n'


def fake_toolchain(tmp_path):
    """<tmp>/toolchain/t-gcc around a gcc that prints its sysroot variable and arguments."""
    echo = make_script(tmp_path, 'fake-gcc', '#!/bin/sh\necho "$STATICPYTHON_SYSROOT" "$@"\n')
    (tmp_path / 'toolchain').mkdir()
    return make_script(tmp_path / 'toolchain', 't-gcc', wrapper.wrapper_text('t', echo, 'v', '/gcc/inc'))


def test_links_statically_unless_shared(tmp_path):
    w = fake_toolchain(tmp_path)
    sysroot = f'{tmp_path}/sysroot'
    link = subprocess.run([w, 'a.o', '-o', 'a'], capture_output=True, text=True).stdout.split()
    assert link == [sysroot, f'--sysroot={sysroot}', f'-specs={tmp_path}/toolchain/t.specs',
                    '-nostdinc', '-isystem', '/gcc/inc', '-isystem', f'{sysroot}/usr/include',
                    f'-ffile-prefix-map={sysroot}=/staticpython/sysroot', '-static', 'a.o', '-o', 'a']
    shared = subprocess.run([w, '-shared', 'a.o'], capture_output=True, text=True).stdout.split()
    assert '-static' not in shared


def test_sysroot_is_found_from_the_wrappers_own_directory(tmp_path):
    """By absolute path, relative path, a symlink beside it and $PATH: always ../sysroot,
    as an absolute path."""
    w = fake_toolchain(tmp_path)
    os.symlink('t-gcc', tmp_path / 'toolchain' / 't-cc')
    env = dict(os.environ, PATH=f'{tmp_path}/toolchain:/usr/bin:/bin')
    elsewhere = tmp_path / 'elsewhere'
    elsewhere.mkdir()
    for argv, cwd in (([w], elsewhere), (['./toolchain/t-gcc'], tmp_path),
                      (['../toolchain/t-cc'], elsewhere), (['t-gcc'], elsewhere)):
        out = subprocess.run(argv + ['-c', 'x.c'], capture_output=True, text=True, cwd=cwd,
                             env=env, check=True).stdout.split()
        assert out[0] == f'{tmp_path}/sysroot', argv
        assert out[1] == f'--sysroot={tmp_path}/sysroot', argv


def test_wrapper_and_specs_name_no_build_path():
    """Identical bytes in every checkout: the only paths are the host compiler's."""
    text = wrapper.wrapper_text('t', '/usr/bin/gcc', 'gcc 12', '/usr/lib/gcc/x/12/include')
    assert {w for w in text.replace("'", ' ').split() if w.startswith('/')} == \
        {'/usr/bin/gcc', '/usr/lib/gcc/x/12/include'}
    assert '/' not in wrapper.specs_text().replace('/usr/lib', '').replace('/crt', '')


def test_specs_search_only_the_sysroot():
    text = wrapper.specs_text()
    assert '*link_libgcc:\n-L%:getenv(STATICPYTHON_SYSROOT /usr/lib) -L .%s\n' in text
    assert '%:getenv(STATICPYTHON_SYSROOT /usr/lib/crt1.o)' in text
    assert '%:getenv(STATICPYTHON_SYSROOT /usr/lib/crtn.o)' in text


def test_pkg_config_refuses_without_libdir_and_passes_static(tmp_path):
    fake = tmp_path / 'bin'
    fake.mkdir()
    make_script(fake, 'pkg-config', '#!/bin/sh\necho "$PKG_CONFIG_PATH|$@"\n')
    w = make_script(tmp_path, 'pc', wrapper.pkg_config_text('t'))
    env = {'PATH': f'{fake}:/usr/bin:/bin', 'PKG_CONFIG_PATH': '/usr/lib/pkgconfig'}
    refused = subprocess.run([w, '--libs', 'z'], capture_output=True, text=True, env=env)
    assert refused.returncode != 0 and 'PKG_CONFIG_LIBDIR' in refused.stderr
    env['PKG_CONFIG_LIBDIR'] = '/stage/usr/lib/pkgconfig'
    out = subprocess.run([w, '--libs', 'z'], capture_output=True, text=True, env=env, check=True)
    assert out.stdout == '|--static --libs z\n'      # host PKG_CONFIG_PATH cleared
