"""unpack_subtree: one part of a pkg tar unpacked elsewhere, replacing what was there."""
import io
import tarfile

from staticpython import steps


def _pkg(path, files):
    with tarfile.open(path, 'w') as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_only_the_subtree_is_unpacked_and_replaces_its_directories(tmp_path):
    pkg = tmp_path / 'x.tar'
    _pkg(pkg, {'bin/python': 'exe', 'test-suite/lib/python3.13/test/test_os.py': 'new',
               'test-suite/lib/python3.13/test/data/a.txt': 'a'})
    dest = tmp_path / 'out'
    (dest / 'lib' / 'python3.13' / 'test').mkdir(parents=True)
    (dest / 'lib' / 'python3.13' / 'test' / 'stale.py').write_text('old')
    (dest / 'bin').mkdir()
    (dest / 'bin' / 'keep').write_text('not in the subtree')
    assert steps.unpack_subtree(str(pkg), 'test-suite', str(dest)) == 2
    assert (dest / 'lib' / 'python3.13' / 'test' / 'test_os.py').read_text() == 'new'
    assert (dest / 'lib' / 'python3.13' / 'test' / 'data' / 'a.txt').read_text() == 'a'
    assert not (dest / 'lib' / 'python3.13' / 'test' / 'stale.py').exists()
    assert (dest / 'bin' / 'keep').exists() and not (dest / 'bin' / 'python').exists()


def test_a_missing_subtree_unpacks_nothing(tmp_path):
    pkg = tmp_path / 'x.tar'
    _pkg(pkg, {'bin/python': 'exe'})
    assert steps.unpack_subtree(str(pkg), 'test-suite', str(tmp_path / 'out')) == 0
