"""PROVENANCE.md: every third-party package the build compiles in, from the recipe data."""
import os


def patches_of(repo, recipe):
    d = os.path.join(repo, 'patches', recipe.NAME, recipe.VERSION)
    return sorted(p for p in os.listdir(d) if p.endswith('.patch')) if os.path.isdir(d) else []


def text(recipes, repo):
    lines = [
        '# Provenance of third-party code',
        '',
        'Generated from `site_scons/staticpython/recipes/` by `scons provenance`; a unit test',
        'checks that this file matches the recipes. Each source is verified by sha256 before use.',
        '',
        '| package | version | license | source file (sha256) | patches |',
        '|---|---|---|---|---|',
    ]
    for r in recipes.values():
        if r.SOURCES:
            first = r.SOURCES[0]
            src = f'`{first.filename}` ({first.sha256[:16]}…)'
            if len(r.SOURCES) > 1:
                src += ' or ' + ', '.join(f'`{s.filename}`' for s in r.SOURCES[1:])
        else:
            src = 'the build machine\'s Debian package `linux-libc-dev` (version recorded per build)'
        patches = ', '.join(f'`{p}`' for p in patches_of(repo, r)) or 'none'
        version = r.VERSION if r.SOURCES else '(host package)'
        lines.append(f'| {r.NAME} | {version} | {r.LICENSE} | {src} | {patches} |')
    lines += ['', 'Purpose of each:', '']
    lines += [f'- **{r.NAME}**: {r.SUMMARY}' for r in recipes.values()]
    return '\n'.join(lines) + '\n'
