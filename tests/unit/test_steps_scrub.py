"""scrub_build_paths: installed text files lose the checkout's paths; what cannot be
rewritten is reported, not silently packed."""
import os

from staticpython import steps

CHECKOUT = '/home/me/sp/'


def rewrite(text):
    return text.replace('/home/me/sp/build/work/x', '/staticpython/x')


def test_text_files_are_rewritten_and_others_left_alone(tmp_path):
    (tmp_path / 'bin').mkdir()
    config = tmp_path / 'bin' / 'x-config'
    config.write_text('libs="-L/home/me/sp/build/work/x/deps/usr/lib -lx"\n')
    clean = tmp_path / 'bin' / 'clean'
    clean.write_text('nothing here\n')
    os.utime(clean, (1, 1))
    assert steps.scrub_build_paths(str(tmp_path), rewrite, CHECKOUT) == []
    assert config.read_text() == 'libs="-L/staticpython/x/deps/usr/lib -lx"\n'
    assert clean.stat().st_mtime == 1  # untouched files are not rewritten


def test_binary_and_unrewritable_files_are_reported(tmp_path):
    (tmp_path / 'lib').mkdir()
    (tmp_path / 'lib' / 'libx.a').write_bytes(b'\0\1/home/me/sp/build/sysroot/usr/include\0')
    (tmp_path / 'notes.txt').write_text('built in /home/me/sp/elsewhere\n')
    (tmp_path / 'latin1.txt').write_bytes(b'caf\xe9 /home/me/sp/build/work/x\n')
    left = steps.scrub_build_paths(str(tmp_path), rewrite, CHECKOUT)
    assert sorted(left) == ['latin1.txt', 'lib/libx.a', 'notes.txt']
    assert (tmp_path / 'notes.txt').read_text() == 'built in /home/me/sp/elsewhere\n'


def test_symlinks_are_not_followed(tmp_path):
    outside = tmp_path / 'outside.txt'
    outside.write_text('/home/me/sp/build/work/x\n')
    tree = tmp_path / 'tree'
    tree.mkdir()
    os.symlink(outside, tree / 'link.txt')
    assert steps.scrub_build_paths(str(tree), rewrite, CHECKOUT) == []
    assert outside.read_text() == '/home/me/sp/build/work/x\n'
