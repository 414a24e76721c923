"""Virtual environments, as with any installed Python: `python -m venv` with pip from the
bundled wheel (no network), activation scripts, the prefixes inside, pip installing a wheel,
and include-system-site-packages; and, in every series (with a venv module or not), pip
from ensurepip in the installation itself. The interpreter sits in a prefix of its own under
a temporary directory, like an installation in /usr/local."""
import base64
import hashlib
import json
import re
import shutil
import subprocess
import zipfile

import pytest

from isolation import SLOWER, describe, on_host
from versions import LIBDIR, PROGRAM, THIS, XY, has, requires

PIP_VERSION = THIS.bundled.get('pip')   # ensurepip's bundled pip (None: no ensurepip)
VENV = requires('venv')


def run(argv, cwd, env=None, timeout=300):
    full_env = {'PATH': '/usr/bin:/bin', 'LANG': 'C.UTF-8', 'HOME': str(cwd),
                'PIP_NO_INDEX': '1', 'PIP_DISABLE_PIP_VERSION_CHECK': '1'}
    full_env.update(env or {})
    p = subprocess.run(on_host(argv), cwd=cwd, env=full_env, capture_output=True, text=True,
                       timeout=timeout * SLOWER)
    assert p.returncode == 0, describe(p)
    return p


@pytest.fixture(scope='module')
def base(python, tmp_path_factory):
    """An installation: <base>/bin/python3.x-static and a package in its site-packages."""
    root = tmp_path_factory.mktemp('base')
    exe = root / 'bin' / PROGRAM
    exe.parent.mkdir()
    shutil.copy2(python, exe)
    pkg = root / LIBDIR / 'site-packages' / 'basepkg'
    pkg.mkdir(parents=True)
    (pkg / '__init__.py').write_text('WHERE = "base site-packages"\n')
    return exe


@pytest.fixture(scope='module')
def venv(base, tmp_path_factory):
    work = tmp_path_factory.mktemp('venv')
    run([str(base), '-m', 'venv', 'v'], cwd=work)
    return work / 'v'


FACTS = ('import json, sys, importlib.util; print(json.dumps({"prefix": sys.prefix, '
         '"base_prefix": sys.base_prefix, "executable": sys.executable, '
         '"base_executable": sys._base_executable, "path": sys.path, '
         '"basepkg": importlib.util.find_spec("basepkg") is not None}))')


def facts(python, cwd):
    return json.loads(run([str(python), '-c', FACTS], cwd=cwd).stdout)


@VENV
def test_venv_has_pip_from_the_bundled_wheel(venv):
    p = run([str(venv / 'bin' / 'python'), '-m', 'pip', '--version'], cwd=venv)
    site = venv / LIBDIR / 'site-packages'
    assert p.stdout.startswith(f'pip {PIP_VERSION} from {site}/pip '), describe(p)
    assert (venv / 'bin' / 'pip').exists() and (venv / 'bin' / f'pip{XY}').exists()


@requires('ensurepip')
def test_ensurepip_version_names_the_bundled_pip(base):
    p = run([str(base), '-m', 'ensurepip', '--version'], cwd=base.parent)
    out = p.stdout if has('version_on_stdout') else p.stderr
    assert out.strip() == f'pip {PIP_VERSION}', describe(p)


@VENV
def test_venv_prefixes(base, venv):
    me = facts(venv / 'bin' / 'python', venv)
    assert me['prefix'] == str(venv), me
    assert me['base_prefix'] == str(base.parent.parent), me
    assert me['executable'] == str(venv / 'bin' / 'python'), me
    assert me['base_executable'] == str(base), me
    assert str(venv / LIBDIR / 'site-packages') in me['path'], me
    assert me['basepkg'] is False, me   # include-system-site-packages = false


@VENV
def test_venv_with_system_site_packages(base, tmp_path):
    run([str(base), '-m', 'venv', '--without-pip', '--system-site-packages', 'sv'], cwd=tmp_path)
    me = facts(tmp_path / 'sv' / 'bin' / 'python', tmp_path)
    assert me['prefix'] == str(tmp_path / 'sv') and me['basepkg'] is True, me


@VENV
@pytest.mark.parametrize('shell', ['bash', 'sh'])
def test_activate_script(venv, shell):
    assert (venv / 'bin' / 'activate').is_file()
    assert {'activate', 'activate.csh', 'activate.fish', 'Activate.ps1'} <= {
        p.name for p in (venv / 'bin').iterdir()}
    p = run([shell, '-c', '. v/bin/activate && echo "$VIRTUAL_ENV" && command -v python && '
             'python -c "import sys; print(sys.prefix)" && deactivate && echo "${VIRTUAL_ENV:-}"'],
            cwd=venv.parent)
    assert p.stdout.splitlines() == [str(venv), str(venv / 'bin' / 'python'), str(venv), ''], \
        describe(p)


def _wheel(path, name, version, module_text, tag='py3-none-any'):
    """A minimal pure-Python wheel, written by hand: no build backend needed."""
    dist = f'{name}-{version}.dist-info'
    files = {f'{name}.py': module_text,
             f'{dist}/METADATA': f'Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n',
             f'{dist}/WHEEL': 'Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n'
                              f'Tag: {tag}\n'}
    record = []
    for arcname, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b'=')
        record.append(f'{arcname},sha256={digest.decode()},{len(text.encode())}')
    record.append(f'{dist}/RECORD,,')
    files[f'{dist}/RECORD'] = '\n'.join(record) + '\n'
    with zipfile.ZipFile(path, 'w') as z:
        for arcname, text in files.items():
            z.writestr(arcname, text)


@VENV
def test_pip_installs_a_wheel_into_the_venv(venv, tmp_path):
    wheel = tmp_path / 'hello_sp-1.0-py3-none-any.whl'
    _wheel(wheel, 'hello_sp', '1.0', 'def greet():\n    return "hello from a wheel"\n')
    python = str(venv / 'bin' / 'python')
    run([python, '-m', 'pip', 'install', '--no-index', str(wheel)], cwd=tmp_path)
    p = run([python, '-c', 'import hello_sp; print(hello_sp.greet(), hello_sp.__file__)'],
            cwd=tmp_path)
    site = venv / LIBDIR / 'site-packages'
    assert p.stdout.split() == ['hello', 'from', 'a', 'wheel', f'{site}/hello_sp.py'], describe(p)
    listed = json.loads(run([python, '-m', 'pip', 'list', '--format=json'], cwd=tmp_path).stdout)
    assert {'name': 'hello_sp', 'version': '1.0'} in listed
    # What venv installed: every bundled wheel (3.11's setuptools too).
    for name, version in THIS.bundled.items():
        assert {'name': name, 'version': version} in listed, listed


@requires('ensurepip')
def test_ensurepip_installs_pip_which_installs_a_wheel(python, tmp_path):
    """Without a virtual environment (2.7 has none): ensurepip puts the bundled pip into the
    installation's own site-packages, and that pip installs a wheel there."""
    exe = tmp_path / 'bin' / PROGRAM
    exe.parent.mkdir()
    shutil.copy2(python, exe)
    run([str(exe), '-m', 'ensurepip'], cwd=tmp_path)
    site = tmp_path / LIBDIR / 'site-packages'
    p = run([str(exe), '-m', 'pip', '--version'], cwd=tmp_path)
    assert p.stdout.startswith(f'pip {PIP_VERSION} from {site}/pip '), describe(p)
    wheel = tmp_path / 'hello_sp-1.0-py2.py3-none-any.whl'
    _wheel(wheel, 'hello_sp', '1.0', 'def greet():\n    return "hello from a wheel"\n',
           tag='py2.py3-none-any')
    run([str(exe), '-m', 'pip', 'install', '--no-index', str(wheel)], cwd=tmp_path)
    p = run([str(exe), '-c', 'import hello_sp; print(hello_sp.greet()); print(hello_sp.__file__)'],
            cwd=tmp_path)
    greeting, file = p.stdout.splitlines()
    assert greeting == 'hello from a wheel', describe(p)
    assert file.startswith(f'{site}/hello_sp.py'), describe(p)    # 2.7: its .pyc
    listed = json.loads(run([str(exe), '-m', 'pip', 'list', '--format=json'],
                            cwd=tmp_path).stdout)
    # Names as PEP 503 normalizes them (pip 19 lists hello_sp as hello-sp).
    listed = {(re.sub(r'[-_.]+', '-', e['name']).lower(), e['version']) for e in listed}
    assert ('hello-sp', '1.0') in listed, listed
    assert set(THIS.bundled.items()) <= listed, listed
