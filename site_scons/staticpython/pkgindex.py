"""Where an sdist is on the Python package indexes pip is configured with, without pip.

`pip download --no-binary :all:` prepares an sdist's metadata before it keeps the file,
which builds it on the build machine's Python: some pinned sdists cannot be built there
(gevent 22.10.2 with today's Cython), and others build for minutes. A Source with `index`
(its project name) is instead taken from the index's simple page: the link named by its
file name, from the index pip uses (its own configuration: index-url, extra-index-url and
their environment variables, and pip's default index), with pip's certificate setting.
"""
import html
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

# Asks pip for its configuration: the index URLs in pip's order, and its CA file.
_PIP_SETTINGS = r'''
import json
from pip._internal.configuration import Configuration
from pip._internal.models.index import PyPI
config = Configuration(isolated=False)
config.load()
values = dict(config.items())
def get(name):
    for section in (':env:', 'download', 'global'):
        if section + '.' + name in values:
            return values[section + '.' + name]
print(json.dumps({'indexes': [get('index-url') or PyPI.simple_url] +
                             (get('extra-index-url') or '').split(),
                  'cert': get('cert')}))
'''
_ANCHOR = re.compile(r'<a\s[^>]*?href\s*=\s*"([^"]*)"[^>]*>(.*?)</a>', re.I | re.S)


class IndexError_(Exception):
    """The file is on no index pip is configured with (the message says why)."""


def pip_settings(python=sys.executable):
    """{'indexes': [simple index URLs, pip's order], 'cert': CA file or None}, from pip."""
    try:
        proc = subprocess.run([python, '-c', _PIP_SETTINGS], capture_output=True, text=True,
                              timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise IndexError_(f'cannot ask pip for its indexes: {e}') from None
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ['(no output)'])[-1]
        raise IndexError_(f'cannot ask pip for its indexes: {last}')
    return json.loads(proc.stdout)


def project_page(index, project):
    """The URL of `project`'s simple page on `index` (PEP 503's normalized name)."""
    name = re.sub(r'[-_.]+', '-', project).lower()
    return f'{index.rstrip("/")}/{name}/'


def file_link(page_text, page_url, filename):
    """The URL of `filename` on a simple page (its anchor's text or the last part of its
    link's path), resolved against the page and without its hash fragment, or None."""
    for href, text in _ANCHOR.findall(page_text):
        href = html.unescape(href)
        url = urllib.parse.urljoin(page_url, href)
        path = urllib.parse.urlsplit(url).path
        if html.unescape(text).strip() == filename or os.path.basename(path) == filename:
            return urllib.parse.urldefrag(url)[0]
    return None


def local_path(url):
    """The path a file: URL names (an index, or a file it links to, on this machine)."""
    return urllib.request.url2pathname(urllib.parse.urlsplit(url).path)


def read_page(url, session, cert):
    """A simple page's text: file:// read here, http(s) with the session."""
    if url.startswith('file:'):
        path = local_path(url)
        for candidate in (path, os.path.join(path, 'index.html')):
            if os.path.isfile(candidate):
                with open(candidate, encoding='utf-8') as f:
                    return f.read()
        raise IndexError_(f'{url}: no such page')
    r = session.get(url, timeout=(15, 60), verify=cert or True,
                    headers={'Accept': 'text/html'})
    r.raise_for_status()
    return r.text


def locate(project, filename, session, settings=None):
    """The URL of `filename` of `project` on the first index that lists it; IndexError_
    naming every index tried when none does."""
    settings = pip_settings() if settings is None else settings
    tried = []
    for index in settings['indexes']:
        page = project_page(index, project)
        try:
            url = file_link(read_page(page, session, settings.get('cert')), page, filename)
        except Exception as e:          # unreachable, no page: the next index
            tried.append(f'{page}: {type(e).__name__}: {e}')
            continue
        if url:
            return url
        tried.append(f'{page}: lists no {filename}')
    raise IndexError_('; '.join(tried) or 'pip names no index')
