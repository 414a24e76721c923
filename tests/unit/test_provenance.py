"""PROVENANCE.md is generated from the recipes and must not drift from them."""
import os

from staticpython import provenance, recipes

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_provenance_file_matches_recipes():
    with open(os.path.join(REPO, 'PROVENANCE.md')) as f:
        committed = f.read()
    assert committed == provenance.text(recipes.load(), REPO), \
        'PROVENANCE.md is out of date: run `scons provenance` and commit it'


def test_every_recipe_is_listed_with_its_version_and_license():
    text = provenance.text(recipes.load(), REPO)
    for r in recipes.load().values():
        row = next(line for line in text.splitlines() if line.startswith(f'| {r.NAME} |'))
        assert r.LICENSE in row
        if r.SOURCES:
            assert f'| {r.VERSION} |' in row and r.SOURCES[0].filename in row
