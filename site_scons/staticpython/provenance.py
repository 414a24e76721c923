"""PROVENANCE.md: every third-party package the build compiles in, from the recipe data."""
import glob
import os

from . import patchset

KINDS = {'toolchain': 'toolchain', 'part': 'toolchain, built within another recipe',
         'library': 'linked in', 'data': 'data in the interpreter', 'interpreter': 'interpreter'}


def patches_of(repo, recipe):
    """The recipe's patches: its own by file name, then those of each directory it borrows
    from (PATCH_DIRS) as one entry, naming any it replaces."""
    names = [os.path.basename(p) for p in patchset.own(repo, recipe)]
    for d in getattr(recipe, 'PATCH_DIRS', ()):
        replaced = sorted(set(names) & {os.path.basename(p) for p in
                                        glob.glob(os.path.join(repo, 'patches', d, '*.patch'))})
        names.append(f'those of patches/{d}/' + (f' but {", ".join(replaced)}' if replaced else ''))
    return names


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
        first = r.SOURCES[0]
        src = f'`{first.filename}` ({first.sha256[:16]}…)'
        if first.git:
            src += f', `git archive` of {first.git[1]} ({first.git[2][:12]}) of {first.git[0]}'
        if len(r.SOURCES) > 1:
            src += ' or ' + ', '.join(f'`{s.filename}`' for s in r.SOURCES[1:])
        patches = ', '.join(f'`{p}`' for p in patches_of(repo, r)) or 'none'
        lines.append(f'| {r.NAME} | {r.VERSION} | {r.LICENSE} | {src} | {patches} |')
    lines += ['', 'Purpose of each:', '']
    lines += [f'- **{r.NAME}** ({KINDS[r.KIND]}): {r.SUMMARY}' for r in recipes.values()]
    return '\n'.join(lines) + '\n'
