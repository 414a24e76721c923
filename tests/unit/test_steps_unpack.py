"""unpack: the top directory stripped, a tarball inside a tarball, only some paths."""
import io
import tarfile

import pytest

from staticpython import steps


def _tar(path, files, mode='w'):
    with tarfile.open(path, mode) as tar:
        for name, data in files.items():
            data = data if isinstance(data, bytes) else data.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _tree(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob('*') if p.is_file())


SOURCE = {'pkg-1.0/Makefile': 'all:', 'pkg-1.0/arch/x86/a.h': 'a', 'pkg-1.0/drivers/big.c': 'b',
          'pkg-1.0/include/linux/c.h': 'c', 'pkg-1.0/Makefile.old': 'old'}


def test_top_directory_is_stripped(tmp_path):
    _tar(tmp_path / 's.tar.gz', SOURCE, 'w:gz')
    steps.unpack(tmp_path / 's.tar.gz', tmp_path / 'out')
    assert _tree(tmp_path / 'out') == ['Makefile', 'Makefile.old', 'arch/x86/a.h',
                                       'drivers/big.c', 'include/linux/c.h']


def test_only_the_named_paths(tmp_path):
    _tar(tmp_path / 's.tar', SOURCE)
    steps.unpack(tmp_path / 's.tar', tmp_path / 'out', only=('Makefile', 'arch/', 'include/'))
    assert _tree(tmp_path / 'out') == ['Makefile', 'arch/x86/a.h', 'include/linux/c.h']


def test_inner_tarball(tmp_path):
    _tar(tmp_path / 'inner.tar.xz', SOURCE, 'w:xz')
    _tar(tmp_path / 'outer.tar.gz', {'wrap-1.0/other.tar.xz': b'x',
                                     'wrap-1.0/inner.tar.xz': (tmp_path / 'inner.tar.xz').read_bytes()},
         'w:gz')
    steps.unpack(tmp_path / 'outer.tar.gz', tmp_path / 'out', inner='inner.tar.xz',
                 only=('drivers/',))
    assert _tree(tmp_path / 'out') == ['drivers/big.c']


def test_missing_inner_tarball_is_an_error(tmp_path):
    _tar(tmp_path / 'outer.tar', {'wrap/a.txt': 'a'})
    with pytest.raises(steps.StepError, match='0 files named inner.tar.xz'):
        steps.unpack(tmp_path / 'outer.tar', tmp_path / 'out', inner='inner.tar.xz')
