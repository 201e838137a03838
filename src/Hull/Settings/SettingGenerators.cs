using System.Globalization;

namespace Hull.Settings;

/// <summary>
/// Settings whose first value is made on the host rather than written in the defaults, and what makes
/// it; <c>GET /metadata/setting-generators</c> lists them. Bottlerocket names a program here (sundog
/// runs it); Hull's generators run inside the apiserver when it seeds a new host, so the value is a
/// description.
/// </summary>
internal static class SettingGenerators
{
    /// <summary>The waves seed.</summary>
    public const string UpdatesSeed = "settings.updates.seed";

    /// <summary>Each generated key and what generates it.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [UpdatesSeed] = "hull apiserver, once on a new host: a random whole number from 0 to 2047 (the host's place in update waves)",
    };

    /// <summary>The generated values for a new host.</summary>
    public static Dictionary<string, string> Generate() => new(StringComparer.Ordinal)
    {
        // Waves need a per-host seed; Bottlerocket draws it on first boot.
        [UpdatesSeed] = Random.Shared.Next(0, 2048).ToString(CultureInfo.InvariantCulture),
    };
}
