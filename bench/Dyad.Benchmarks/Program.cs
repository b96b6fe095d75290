using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dyad.Benchmarks;

// In-process (no child project per benchmark: quicker on a shared 2-core machine and no second build), one
// launch, one warm-up and a few iterations: a suite that finishes in minutes, for finding the slow stage,
// not for the last per cent. `bench/run.sh` runs it in Release; pass BenchmarkDotNet arguments such as --filter.
var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(int.TryParse(Environment.GetEnvironmentVariable("DYAD_BENCH_ITERATIONS"), out var n) ? n : 5)
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithId("short"))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(new WordsPerSecondColumn())
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Corpus).Assembly).Run(args, config);
