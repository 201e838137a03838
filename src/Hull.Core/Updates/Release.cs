using System.Text.Json.Serialization;

namespace Hull.Updates;

/// <summary>
/// One release: an image version for one variant and architecture, the waves it rolls out in, its slot
/// images and the settings migrations that move a host's datastore to it (and back on rollback).
/// </summary>
/// <param name="Version">MAJOR.MINOR.PATCH, as in the image's os-release VERSION_ID.</param>
/// <param name="Variant">The image's VARIANT_ID (<c>default</c>).</param>
/// <param name="Arch"><c>x86_64</c>.</param>
/// <param name="MaxVersion">When set, hosts on this repository move to no version above it (a publisher's brake).
/// Written even when null: the context omits nulls, and a required constructor parameter left out could not be read back.</param>
/// <param name="Waves">Seed bounds with start times; empty means every host at once.</param>
/// <param name="Compression">How every payload of the release is compressed: <c>zstd</c>.</param>
/// <param name="RootHash">The dm-verity root hash of the root image, as the UKIs' command lines carry it.</param>
/// <param name="Images">The slot payloads.</param>
/// <param name="Migrations">Settings migrations from the previous release to this one, in order.</param>
public sealed record Release(
    string Version,
    string Variant,
    string Arch,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? MaxVersion,
    IReadOnlyList<UpdateWave> Waves,
    string Compression,
    string RootHash,
    ReleaseImages Images,
    IReadOnlyList<SettingsMigration> Migrations);
