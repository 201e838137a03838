using System.Text.Json.Serialization;

namespace Hull.Builder.Build;

/// <summary>out/build.json: what a build made, for `hull run`, the tests and the benchmarks.</summary>
internal sealed record BuildManifest(
    string Version,
    string Variant,
    string BuildId,
    string KernelVersion,
    string RootHash,
    string Disk,
    string Kernel,
    string Initramfs,
    string CommandLineA,
    string UkiA,
    string OvmfVars,
    long DiskBytes,
    long RootErofsBytes,
    long RootPartitionBytes,
    long UkiBytes,
    long InitramfsBytes,
    long HullBinaryBytes);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(BuildManifest))]
internal sealed partial class BuildJsonContext : JsonSerializerContext;
