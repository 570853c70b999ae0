"""The builds setup falls back to: what goes first, and what each one leaves out."""

from summarize.engines.cpu.fallback import NATIVE, PORTABLE_ARGS, ladder, next_build
from tests.summarize.engines.cpu.test_features import EPYC, OLD, SAPPHIRE
from summarize.engines.cpu.features import parse_cpuinfo


def _on(build):
    return {a[2:].split("=")[0] for a in build.cmake_args if a.endswith("=ON")}


def test_an_amx_cpu_drops_amx_first_then_avx512_then_all_but_sse42():
    steps = ladder(parse_cpuinfo(SAPPHIRE))
    assert [b.name for b in steps] == ["native", "no-amx", "avx2", "sse4.2"]
    assert steps[0] is NATIVE and steps[0].cmake_args == ()
    no_amx, avx2, sse = (_on(b) for b in steps[1:])
    assert "GGML_AVX512" in no_amx and "GGML_AVX_VNNI" in no_amx and not any("AMX" in o for o in no_amx)
    assert avx2 == {"GGML_SSE42", "GGML_AVX", "GGML_F16C", "GGML_FMA", "GGML_AVX2", "GGML_BMI2"}
    assert sse == {"GGML_SSE42"}
    # Every fixed level turns the instruction sets it leaves out off explicitly: with
    # GGML_NATIVE=OFF, llama.cpp turns AVX, AVX2, FMA and F16C on by default.
    for build in steps[1:]:
        assert "-DGGML_NATIVE=OFF" in build.cmake_args
        assert "-DGGML_AMX_INT8=OFF" in build.cmake_args


def test_levels_that_would_build_the_same_are_skipped():
    # Without AVX-512 or AMX, "no-amx" is the avx2 level: tried once.
    haswell = parse_cpuinfo("model name\t: Intel(R) Core(TM) i7-4770\nflags\t\t: sse4_2 avx f16c fma avx2 bmi2\n")
    assert [b.name for b in ladder(haswell)] == ["native", "no-amx", "sse4.2"]
    assert [b.name for b in ladder(parse_cpuinfo(OLD))] == ["native", "no-amx", "sse4.2"]  # AVX, then none
    assert [b.name for b in ladder(parse_cpuinfo(EPYC))] == ["native", "no-amx", "avx2", "sse4.2"]


def test_next_build_walks_down_and_ends():
    cpu = parse_cpuinfo(SAPPHIRE)
    assert next_build(cpu, []).name == "native"
    assert next_build(cpu, ["native"]).name == "no-amx"
    assert next_build(cpu, ["native", "no-amx", "avx2"]).name == "sse4.2"
    assert next_build(cpu, ["native", "no-amx", "avx2", "sse4.2"]) is None
    # Never back up: a no-amx build that died is followed by avx2, not by native.
    assert next_build(cpu, ["no-amx"]).name == "avx2"


def test_a_level_s_wheels_are_kept_apart_per_cpu():
    sapphire, epyc = ladder(parse_cpuinfo(SAPPHIRE))[1], ladder(parse_cpuinfo(EPYC))[1]
    assert sapphire.name == epyc.name == "no-amx" and sapphire.key != epyc.key


def test_the_portable_build_has_every_variant_and_loads_them_at_run_time():
    assert "-DGGML_BACKEND_DL=ON" in PORTABLE_ARGS and "-DGGML_CPU_ALL_VARIANTS=ON" in PORTABLE_ARGS
    assert "-DGGML_NATIVE=OFF" in PORTABLE_ARGS
