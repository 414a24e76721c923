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
                                                         '/sys/root', '/x.specs', 'gcc 12'))
    for flag in ('--print-multiarch', '-print-multiarch', '-dumpmachine'):
        out = subprocess.run([w, flag], capture_output=True, text=True, check=True).stdout
        assert out == 'x86_64-linux-musl\n'


def test_links_statically_unless_shared(tmp_path):
    echo = make_script(tmp_path, 'fake-gcc', '#!/bin/sh\necho "$@"\n')
    w = make_script(tmp_path, 'cc', wrapper.wrapper_text('t', echo, '/sys/root', '/x.specs', 'v'))
    link = subprocess.run([w, 'a.o', '-o', 'a'], capture_output=True, text=True).stdout.split()
    assert link[:3] == ['--sysroot=/sys/root', '-specs=/x.specs', '-static'] and link[3:] == ['a.o', '-o', 'a']
    shared = subprocess.run([w, '-shared', 'a.o'], capture_output=True, text=True).stdout.split()
    assert '-static' not in shared


def test_specs_search_only_the_sysroot():
    text = wrapper.specs_text('/s')
    assert '-nostdinc -isystem /s/usr/include -isystem include%s' in text
    assert '*link_libgcc:\n-L/s/usr/lib -L .%s\n' in text
    assert '/s/usr/lib/crt1.o' in text and '/s/usr/lib/crtn.o' in text


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
