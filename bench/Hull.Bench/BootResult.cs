using System.Text.Json.Serialization;

namespace Hull.Bench;

/// <summary>Everything one benchmark run measured, as committed in bench/results/.</summary>
internal sealed record BootResult(DateTimeOffset Date, string Machine, string Commit, string Version, Sizes Sizes, IReadOnlyList<BootSample> Samples);

/// <summary>The built image's sizes in bytes.</summary>
internal sealed record Sizes(long Disk, long RootErofs, long RootPartition, long Uki, long Initramfs, long HullBinary);

/// <summary>One settings benchmark run, as committed in bench/results/; <paramref name="Binary"/> null in files from before it was measured.</summary>
internal sealed record SettingsRun(DateTimeOffset Date, string Machine, string Commit, IReadOnlyList<SettingsResult> Results, HullBinaryResult? Binary = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(BootResult))]
[JsonSerializable(typeof(SettingsRun))]
[JsonSerializable(typeof(WorkloadRun))]
[JsonSerializable(typeof(Update.UpdateRun))]
[JsonSerializable(typeof(Compare.CompareRun))]
[JsonSerializable(typeof(Baseline.BaselineImage))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
