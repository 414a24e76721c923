"""Fetching pinned source files: cache first, then local directories, then upstream (a
download, pip, a package index's page, or git archive of a tag), then the Debian archive.

Every file is checked for size and sha256. Downloads stream into a temporary file in the
cache directory and are renamed into place only once verified, so the cache never holds a
partial or unverified file. The local directories are those named by $STATICPYTHON_SOURCES
(separated by ':'): a copy of a file that no network location serves, or a mirror of
them all; a file there is copied into the cache once verified, and one that fails
verification is left alone and named in the error if nothing else serves it. A cached file that fails verification is deleted and fetched
again; a downloaded file that fails verification is a hard error.
"""
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

from . import mirrors, pkgindex

SOURCE_DIRS_VARIABLE = 'STATICPYTHON_SOURCES'
CHUNK = 1 << 16
TIMEOUT = (15, 60)   # connect, read seconds


class FetchError(Exception):
    """A source could not be had. The message says what was tried and what to do."""


class ChecksumError(FetchError):
    """A file's bytes are not the pinned ones."""


@dataclass(frozen=True)
class Source:
    """One form of a source file: its name, size, sha256 and where it can be found."""
    filename: str
    size: int | None          # None: not known here; the sha256 alone decides
    sha256: str
    urls: tuple = ()          # upstream locations, tried first
    pool: str = ''            # path below a Debian archive URI, e.g. pool/main/z/zlib/...
    pip: str = ''             # a PyPI requirement (e.g. 'certifi==2026.10.18'): `pip download`
    index: str = ''           # a project on pip's package indexes: the file from its simple
                              # page, without pip building anything (pkgindex.py)
    inner: str = ''           # the source tree is this archive inside the file (a repack
                              # that wraps the upstream tarball, e.g. Debian's GCC orig)
    # (repository URL, tag, commit): the file is the uncompressed tar that
    # `git archive --format=tar --prefix=<name without .tar>/ <commit>` writes, for an
    # upstream that publishes no tarball (CPython 3.2.6's tag, Stackless); made with git.
    git: tuple = ()

    def locations(self, archive_uris):
        yield from self.urls
        if self.pool:
            for uri in archive_uris:
                yield f'{uri}/{self.pool}'


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(CHUNK), b''):
            h.update(chunk)
    return h.hexdigest()


def _verify(path, src):
    """Return None when `path` holds exactly `src`, else a reason."""
    size = os.path.getsize(path)
    if src.size is not None and size != src.size:
        return f'size {size} bytes, expected {src.size}'
    actual = file_sha256(path)
    if actual != src.sha256:
        return f'sha256 {actual}, expected {src.sha256}'
    return None


def local_dirs(environ=None):
    """The directories $STATICPYTHON_SOURCES names, in its order."""
    value = (os.environ if environ is None else environ).get(SOURCE_DIRS_VARIABLE, '')
    return tuple(d for d in value.split(os.pathsep) if d)


def _copy_local(path, src, dest_dir):
    """Copy `path` into dest_dir as src.filename if the copy is `src`: the path, else None
    and the reason."""
    fd, tmp = tempfile.mkstemp(prefix=f'.{src.filename}.', suffix='.part', dir=dest_dir)
    try:
        with os.fdopen(fd, 'wb') as out, open(path, 'rb') as f:
            shutil.copyfileobj(f, out, CHUNK)
        bad = _verify(tmp, src)
        if bad:
            return None, bad
        dest = os.path.join(dest_dir, src.filename)
        os.replace(tmp, dest)
        return dest, None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _download(url, src, dest_dir, session):
    """Stream `url` into dest_dir, verify, rename to src.filename. Returns the path."""
    fd, tmp = tempfile.mkstemp(prefix=f'.{src.filename}.', suffix='.part', dir=dest_dir)
    try:
        h, size = hashlib.sha256(), 0
        # Past the pinned size nothing more is written, but hashing goes on (up to a cap)
        # so that the error can name the hash of what the server sent.
        cap = None if src.size is None else 4 * src.size + (1 << 20)
        with os.fdopen(fd, 'wb') as out, session.get(url, stream=True, timeout=TIMEOUT) as r:
            r.raise_for_status()
            for chunk in r.iter_content(CHUNK):
                size += len(chunk)
                h.update(chunk)
                if src.size is None or size <= src.size:
                    out.write(chunk)
                if cap is not None and size > cap:
                    break
        actual = h.hexdigest()
        if actual != src.sha256 or (src.size is not None and size != src.size):
            got = f'{size} bytes' if cap is None or size <= cap else f'first {size} bytes, stopped'
            raise ChecksumError(
                f'checksum mismatch for {src.filename} from {url}:\n'
                f'  expected sha256 {src.sha256} ({src.size or "?"} bytes)\n'
                f'  actual   sha256 {actual} ({got})\n'
                'The file was not kept. If the recipe is right, the server is serving '
                'other bytes: do not use it.')
        path = os.path.join(dest_dir, src.filename)
        os.replace(tmp, path)
        return path
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def fetch(forms, cache_dir, archive_uris=None, session=None, log=print, local=None):
    """Return the path of a verified copy of one of `forms` (a Source or a tuple of them).

    Order: every form in the cache; then in each local directory (`local`, by default
    those of $STATICPYTHON_SOURCES); then each form's upstream URLs; then each form in
    every Debian archive named by apt's configuration.
    """
    if isinstance(forms, Source):
        forms = (forms,)
    dest_dir = os.path.join(cache_dir, 'sources')
    os.makedirs(dest_dir, exist_ok=True)

    for src in forms:
        path = os.path.join(dest_dir, src.filename)
        if os.path.exists(path):
            bad = _verify(path, src)
            if bad is None:
                return path
            log(f'staticpython: cached {path} is damaged ({bad}); deleting it and fetching again')
            os.unlink(path)

    tried = []
    for directory in local_dirs() if local is None else local:
        if not os.path.isdir(directory):
            tried.append(f'  {directory}: no such directory (in ${SOURCE_DIRS_VARIABLE})')
            continue
        present = [s for s in forms if os.path.isfile(os.path.join(directory, s.filename))]
        if not present:
            tried.append(f'  {directory}: no such file')
        for src in present:
            path = os.path.join(directory, src.filename)
            copied, bad = _copy_local(path, src, dest_dir)
            if copied:
                return copied
            tried.append(f'  {path}: {bad}; not used (left as it is)')

    if archive_uris is None:
        archive_uris = mirrors.archive_uris()
    if session is None:
        import requests
        session = requests.Session()

    # The routes that name a file by other than its URLs, in this order: each is tried for
    # every form of the source before the next route; a wrong checksum stops at once.
    routes = (('pip', lambda src: _pip_download(src, dest_dir),
               lambda src: f'pip download {src.pip}'),
              ('index', lambda src: _index_download(src, dest_dir, session),
               lambda src: f'package index, project {src.index}'),
              ('git', lambda src: _git_archive(src, dest_dir),
               lambda src: f'git archive of {src.git[0]} {src.git[1]}'))
    for attr, get, route in routes:
        for src in forms:
            if getattr(src, attr):
                try:
                    return get(src)
                except ChecksumError:
                    raise
                except FetchError as e:
                    tried.append(f'  {route(src)}: {e}')
    candidates = [(url, src) for src in forms for url in src.urls]
    candidates += [(url, src) for src in forms
                   for url in src.locations(archive_uris) if url not in src.urls]
    for url, src in candidates:
        try:
            return _download(url, src, dest_dir, session)
        except ChecksumError:
            raise
        except Exception as e:   # network errors of any kind: try the next location
            tried.append(f'  {url}: {_short(e)}')
    names = ' or '.join(f'{s.filename} (sha256 {s.sha256})' for s in forms)
    raise FetchError(
        f'cannot fetch {names}. Tried:\n' + ('\n'.join(tried) or '  (no location known)') +
        f'\nPut a verified copy into {dest_dir}/ or into a directory named by '
        f'${SOURCE_DIRS_VARIABLE}, or make one of these locations reachable'
        + ('' if archive_uris else ' (apt names no Debian archive on this machine)') + '.')


def _pip_download(src, dest_dir):
    """Fetch an sdist through pip's own configuration (index, proxy, certificates)."""
    with tempfile.TemporaryDirectory(prefix='.pip-', dir=dest_dir) as tmp:
        cmd = [sys.executable, '-m', 'pip', 'download', '--no-deps', '--no-binary', ':all:',
               '--disable-pip-version-check', '--quiet', '--dest', tmp, src.pip]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise FetchError(f'{type(e).__name__}: {e}') from None
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ['(no output)'])[-1]
            raise FetchError(f'pip exited with {proc.returncode}: {last}')
        got = os.path.join(tmp, src.filename)
        if not os.path.exists(got):
            names = ', '.join(os.path.basename(p) for p in glob.glob(os.path.join(tmp, '*')))
            raise FetchError(f'pip did not produce {src.filename} (got: {names or "nothing"})')
        bad = _verify(got, src)
        if bad:
            raise ChecksumError(
                f'checksum mismatch for {src.filename} from pip download {src.pip}: {bad}. '
                'The file was not kept.')
        path = os.path.join(dest_dir, src.filename)
        shutil.move(got, path)
        return path


def _index_download(src, dest_dir, session):
    """src.filename from the simple page of its project on the indexes pip is configured
    with (pkgindex.py), verified like any download."""
    try:
        settings = pkgindex.pip_settings()
        url = pkgindex.locate(src.index, src.filename, session, settings)
    except pkgindex.IndexError_ as e:
        raise FetchError(str(e)) from None
    if url.startswith('file:'):
        copied, bad = _copy_local(pkgindex.local_path(url), src, dest_dir)
        if bad:
            raise ChecksumError(f'checksum mismatch for {src.filename} from {url}: {bad}. '
                                'The file was not kept.')
        return copied
    if settings.get('cert'):
        session.verify = settings['cert']
    try:
        return _download(url, src, dest_dir, session)
    except ChecksumError:
        raise
    except Exception as e:
        raise FetchError(f'{url}: {_short(e)}') from None


def _git_archive(src, dest_dir):
    """Make src.filename with `git archive` of the pinned commit, fetched by its tag (only
    that commit, no history) from the repository; verify it like a download."""
    url, tag, commit = src.git
    prefix = src.filename.removesuffix('.tar') + '/'

    def git(*args, stdout=subprocess.PIPE):
        command = next(a for a in args if not a.startswith('-') and a != repo)
        try:
            proc = subprocess.run(['git', *args], stdout=stdout, stderr=subprocess.PIPE,
                                  timeout=1800)
        except FileNotFoundError:
            raise FetchError('git is not installed (apt-get install git)') from None
        except subprocess.TimeoutExpired as e:
            raise FetchError(f'git {command} took too long') from e
        if proc.returncode != 0:
            lines = proc.stderr.decode(errors='replace').strip().splitlines() or ['(no output)']
            said = next((line for line in lines if line.startswith('fatal:')), lines[-1])
            raise FetchError(f'git {command} exited with {proc.returncode}: {said}')
        return proc.stdout

    with tempfile.TemporaryDirectory(prefix='.git-', dir=dest_dir) as tmp:
        repo = os.path.join(tmp, 'repo.git')
        git('init', '--quiet', '--bare', repo)
        git('--git-dir', repo, 'fetch', '--quiet', '--depth', '1', '--no-tags', url,
            f'+refs/tags/{tag}:refs/tags/{tag}')
        got = git('--git-dir', repo, 'rev-parse', f'refs/tags/{tag}^{{commit}}').decode().strip()
        if got != commit:
            raise ChecksumError(f'{url} tag {tag} is commit {got}, the recipe pins {commit}: '
                                'the tag was moved; do not use it')
        out = os.path.join(tmp, src.filename)
        with open(out, 'wb') as f:
            git('--git-dir', repo, 'archive', '--format=tar', f'--prefix={prefix}', commit,
                stdout=f)
        bad = _verify(out, src)
        if bad:
            raise ChecksumError(f'checksum mismatch for {src.filename} from git archive of '
                                f'{url} {commit}: {bad}. The file was not kept.')
        path = os.path.join(dest_dir, src.filename)
        os.replace(out, path)
        return path


def _short(exc):
    text = str(exc)
    status = getattr(getattr(exc, 'response', None), 'status_code', None)
    if status:
        return f'HTTP {status}'
    if 'Name or service not known' in text or 'NameResolutionError' in text:
        return 'host name not resolved'
    return f'{type(exc).__name__}: {text[:160]}'
