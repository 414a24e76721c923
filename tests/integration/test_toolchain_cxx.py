"""C++ with the toolchain's libstdc++: a static program that throws and catches across
functions, uses std::string, std::vector, std::map and std::thread, and has a static object
with a constructor, runs alone in an empty root (under qemu for a foreign CPU)."""
import subprocess

from elfcheck import static_problems
from isolation import describe, run_alone

PROGRAM = r'''
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

struct Registry {
    std::map<std::string, int> counts;
    Registry() { counts["constructed"] = 1; }
};
static Registry registry;   // constructed before main()

[[gnu::noinline]] static int parse(const std::string &s) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
        throw std::invalid_argument("not a number: '" + s + "'");
    return std::stoi(s);
}

[[gnu::noinline]] static int sum(const std::vector<std::string> &words) {
    int total = 0;
    for (const auto &w : words) total += parse(w);
    return total;
}

int main() {
    std::printf("static %d\n", registry.counts["constructed"]);
    std::vector<std::string> good{"1", "20", "300"}, bad{"4", "x5"};
    std::printf("sum %d\n", sum(good));
    try {
        sum(bad);
        std::printf("no exception\n");
    } catch (const std::invalid_argument &e) {
        std::printf("caught %s\n", e.what());
    }
    std::map<std::string, int> squares;
    std::thread worker([&squares] {
        for (int i = 1; i <= 4; i++) squares[std::to_string(i)] = i * i;
    });
    worker.join();
    for (const auto &[k, v] : squares) std::printf("%s=%d ", k.c_str(), v);
    std::printf("\n");
    try {
        std::vector<int> v(3);
        (void)v.at(7);
    } catch (const std::out_of_range &) {
        std::printf("out_of_range\n");
    }
    return 0;
}
'''

EXPECTED = (b'static 1\nsum 321\ncaught not a number: \'x5\'\n1=1 2=4 3=9 4=16 \n'
            b'out_of_range\n')


def test_cxx_program_is_static_and_runs_alone(cxx, target, runner, tmp_path):
    src = tmp_path / 'prog.cc'
    src.write_text(PROGRAM)
    exe = tmp_path / 'prog'
    proc = subprocess.run([cxx, '-O2', '-std=c++17', '-pthread', str(src), '-o', str(exe)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert static_problems(exe, target) == []
    run = run_alone(str(exe), runner=runner)
    assert run.returncode == 0 and run.stdout == EXPECTED, describe(run)


ALIGNED = r'''
#include <cstdio>
#include <cstdlib>
#if __has_include(<mm_malloc.h>)
#include <mm_malloc.h>      // GCC's, on x86 and POWER: declares posix_memalign itself
#define ALIGNED_ALLOC(n, a) _mm_malloc(n, a)
#define ALIGNED_FREE _mm_free
#else
#define ALIGNED_ALLOC(n, a) std::aligned_alloc(a, n)
#define ALIGNED_FREE std::free
#endif
int main() {
    void *p = ALIGNED_ALLOC(256, 64);
    std::printf("%d\n", p != nullptr && (reinterpret_cast<unsigned long>(p) & 63) == 0);
    ALIGNED_FREE(p);
}
'''


def test_cxx_with_gccs_intrinsics_headers(cxx, runner, tmp_path):
    """GCC's mm_malloc.h and the C library's stdlib.h agree on posix_memalign in C++."""
    src = tmp_path / 'aligned.cc'
    src.write_text(ALIGNED)
    exe = tmp_path / 'aligned'
    proc = subprocess.run([cxx, '-O2', '-std=c++17', str(src), '-o', str(exe)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    run = run_alone(str(exe), runner=runner)
    assert run.stdout == b'1\n', describe(run)
