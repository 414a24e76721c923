"""bench/report.py: ratios, geometric means and the goals, from a made-up run."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'bench'))
import report  # noqa: E402


def run(times, rss=None, failures=None, size=10 * 2**20):
    names = sorted(times)
    return {
        'title': 'python3.13-static (3.13.5)', 'labels': ['static', 'reference', 'system'],
        'paths': {'static': '/b/python3.13-static', 'reference': '/r/python',
                  'system': '/usr/bin/python3'},
        'versions': {'static': '3.13.5', 'reference': '3.13.5', 'system': '3.11.2'},
        'pyperformance': '1.14.0', 'rounds': 2, 'processes': 5, 'benchmarks': names,
        'times': times, 'rss': rss or {}, 'failures': failures or {},
        'startup': {(n, o): (t, t * 0.9, t * 1.1) for n, t in
                    (('static', 0.006), ('reference', 0.010), ('system', 0.009))
                    for o in ('-c pass', '-S -c pass')},
        'startup_runs': 10, 'size': (size, 4 * 2**20, 100),
    }


def test_geometric_mean_of_speed_ups():
    assert abs(report.geomean([2.0, 0.5]) - 1.0) < 1e-12
    assert abs(report.geomean([1.21, 1.0]) - 1.1) < 1e-12
    assert report.geomean([]) is None


def test_ratios_are_times_faster_and_goals_are_checked():
    text = report.text(run({'a': {'static': 1.0, 'reference': 1.5, 'system': 1.2},
                            'b': {'static': 1.0, 'reference': 0.9, 'system': 1.0}},
                           rss={'a': {'static': 12 * 2**20, 'reference': 10 * 2**20}}))
    assert '| a | 1000.00 | 1500.00 | 1200.00 | 1.50x | 1.20x | 12.00 | 1.20 |' in text
    mean = (1.5 * 0.9) ** 0.5
    assert f'**Geometric mean**: {mean:.2f}x against reference (2 benchmarks)' in text
    assert '| speed: geometric mean >= 1.10x the reference | yes |' in text
    # b is 10% slower than the reference: more than 5%.
    assert '| no benchmark more than 5% slower than the reference | **no** | b (0.90x) |' in text
    assert '| start-up <= 0.8x the system | yes | 0.67x |' in text
    assert '| size <= 16 MiB | yes | 10.00 MiB |' in text
    assert '| peak RSS at most +10% over the reference (largest ratio) | **no** | 1.20 |' in text


def test_a_failed_benchmark_is_named_and_left_out_of_the_means():
    text = report.text(run({'a': {'static': 1.0, 'reference': 2.0, 'system': 2.0},
                            'b': {'reference': 1.0, 'system': 1.0}},
                           failures={'b': {'static': 'ImportError: no module named x'}},
                           size=17 * 2**20))
    assert '2.00x against reference (1 benchmarks)' in text
    assert '- b on static: ImportError: no module named x' in text
    assert '| size <= 16 MiB | **no** | 17.00 MiB |' in text
