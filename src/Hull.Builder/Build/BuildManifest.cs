using System.Text.Json.Serialization;

namespace Hull.Builder.Build;

/// <summary>out/build.json: what a build made, for `hull run`, `hull repo add`, the tests and the benchmarks.</summary>
/// <remarks>
/// <see cref="RootImage"/> is the root partition image (erofs + verity tree) both slots take;
/// <see cref="UkiA"/> and <see cref="UkiB"/> are the signed UKIs that boot it from ROOT-A and ROOT-B, with the
/// command lines <see cref="CommandLineA"/> and <see cref="CommandLineB"/>.
/// </remarks>
internal sealed record BuildManifest(
    string Version,
    string Variant,
    string Arch,
    string BuildId,
    string KernelVersion,
    string RootHash,
    string Disk,
    string RootImage,
    string Kernel,
    string Initramfs,
    string CommandLineA,
    string CommandLineB,
    string UkiA,
    string UkiB,
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
