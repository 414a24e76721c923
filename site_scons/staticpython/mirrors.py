"""The Debian archive URIs this machine's apt is configured with, read at run time.

Both formats are understood: one-line `deb [opts] URI suite comp...` in sources.list and
*.list files, and deb822 stanzas (`Types:` / `URIs:`) in *.sources files. Comments,
disabled stanzas (`Enabled: no`) and files with other suffixes are ignored.
No host name is ever written into the repository: it comes from here.
"""
import glob
import os

APT_ROOT = '/etc/apt'


def _one_line_uris(text):
    for line in text.splitlines():
        line = line.split('#', 1)[0].strip()
        words = line.split()
        if not words or words[0] not in ('deb', 'deb-src'):
            continue
        words = words[1:]
        if words and words[0].startswith('['):          # [arch=amd64 signed-by=...]
            while words and not words[0].endswith(']'):
                words = words[1:]
            words = words[1:]
        if words:
            yield words[0]


def _deb822_uris(text):
    for stanza in text.split('\n\n'):
        fields, key = {}, None
        for line in stanza.splitlines():
            if line.startswith('#') or not line.strip():
                continue
            if line[0] in ' \t' and key:                   # continuation line
                fields[key] += ' ' + line.strip()
                continue
            key, _, value = line.partition(':')
            key = key.strip().lower()
            fields[key] = value.strip()
        types = fields.get('types', '').split()
        if fields.get('enabled', 'yes').lower() == 'no':
            continue
        if 'deb' in types or 'deb-src' in types:
            yield from fields.get('uris', '').split()


def archive_uris(apt_root=APT_ROOT):
    """Archive base URIs in apt's order, without duplicates or trailing slashes."""
    parts = glob.glob(os.path.join(apt_root, 'sources.list.d', '*.list'))
    parts += glob.glob(os.path.join(apt_root, 'sources.list.d', '*.sources'))
    # apt reads sources.list, then both kinds of sources.list.d files in one sorted order.
    files = [os.path.join(apt_root, 'sources.list')] + sorted(parts, key=os.path.basename)
    seen = []
    for path in files:
        try:
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
        except OSError:
            continue
        parse = _deb822_uris if path.endswith('.sources') else _one_line_uris
        for uri in parse(text):
            uri = uri.rstrip('/')
            if uri.startswith(('http://', 'https://')) and uri not in seen:
                seen.append(uri)
    return seen
