"""What the CPU offers, read as the kernel writes it."""

from summarize.engines.cpu.features import parse_cpuinfo, read_cpu

# Excerpts of /proc/cpuinfo: a Sapphire Rapids VM (AMX), an AMD EPYC (AVX-512, no AMX),
# an older Xeon without AVX2.
SAPPHIRE = """processor\t: 0
vendor_id\t: GenuineIntel
model name\t: Intel(R) Xeon(R) Platinum 8488C
flags\t\t: fpu sse4_2 avx f16c fma avx2 bmi2 avx512f avx512vbmi avx512_vnni avx512_bf16 amx_bf16 amx_tile amx_int8 avx_vnni
processor\t: 1
model name\t: Intel(R) Xeon(R) Platinum 8488C
flags\t\t: fpu sse4_2
"""
EPYC = "model name\t: AMD EPYC 9R14\nflags\t\t: sse4_2 avx f16c fma avx2 bmi2 avx512f avx512vbmi avx512_vnni avx512_bf16\n"
OLD = "model name\t: Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz\nflags\t\t: sse4_2 avx\n"


def test_the_first_processor_speaks_for_all():
    cpu = parse_cpuinfo(SAPPHIRE)
    assert cpu.model == "Intel(R) Xeon(R) Platinum 8488C"
    assert cpu.has_amx and cpu.has_avx2
    assert cpu.simd == ("sse4_2", "avx", "f16c", "fma", "avx2", "bmi2", "avx_vnni", "avx512f", "avx512vbmi",
                        "avx512_vnni", "avx512_bf16", "amx_tile", "amx_int8", "amx_bf16")


def test_feature_sets_of_three_cpus():
    assert not parse_cpuinfo(EPYC).has_amx and parse_cpuinfo(EPYC).has_avx2
    assert not parse_cpuinfo(OLD).has_avx2
    assert parse_cpuinfo(OLD).simd == ("sse4_2", "avx")


def test_fingerprint_changes_with_model_or_flags():
    prints = {parse_cpuinfo(text).fingerprint for text in (SAPPHIRE, EPYC, OLD, EPYC.replace(" avx512_bf16", ""))}
    assert len(prints) == 4
    assert parse_cpuinfo(EPYC).fingerprint == parse_cpuinfo(EPYC).fingerprint


def test_this_machine_and_a_missing_file(tmp_path):
    assert read_cpu().model  # the real /proc/cpuinfo of the machine running the tests
    missing = read_cpu(tmp_path / "cpuinfo")
    assert missing.model == "unknown CPU" and not missing.flags
