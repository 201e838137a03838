using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>What an attacker holding some keys (or none) can write: metadata signed by exactly the keys given, no threshold check.</summary>
internal static class TufForge
{
    public static byte[] Sign(TufRoot root, params TufSigner[] signers) => TufMetadataWriter.Write(root, TufJsonContext.Default.TufRoot, signers);

    public static byte[] Sign(TufTargets targets, params TufSigner[] signers) => TufMetadataWriter.Write(targets, TufJsonContext.Default.TufTargets, signers);

    public static byte[] Sign(TufSnapshot snapshot, params TufSigner[] signers) => TufMetadataWriter.Write(snapshot, TufJsonContext.Default.TufSnapshot, signers);

    public static byte[] Sign(TufTimestamp timestamp, params TufSigner[] signers) => TufMetadataWriter.Write(timestamp, TufJsonContext.Default.TufTimestamp, signers);

    public static TufMetaFile Meta(long version, byte[] file) =>
        new(version, file.Length, new Dictionary<string, string> { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(file)) });

    /// <summary>The same file with its first signature listed twice.</summary>
    public static byte[] DuplicateFirstSignature(byte[] file)
    {
        var envelope = JsonNode.Parse(file)!.AsObject();
        var signatures = envelope["signatures"]!.AsArray();
        signatures.Add(signatures[0]!.DeepClone());
        return JsonSerializer.SerializeToUtf8Bytes(envelope, TufTestJson.Default.JsonObject);
    }

    /// <summary>
    /// Publishes a forged targets.json (already signed) as the next version, with snapshot and timestamp signed by
    /// the scenario's real online keys: an attacker who holds the snapshot and timestamp keys.
    /// </summary>
    public static void PublishTargets(TufScenario scenario, long version, byte[] targetsFile)
    {
        var writer = scenario.Writer;
        File.WriteAllBytes(scenario.MetadataFile($"{version}.targets.json"), targetsFile);
        var snapshot = writer.Snapshot! with
        {
            Version = writer.Snapshot!.Version + 1,
            Meta = new Dictionary<string, TufMetaFile> { ["targets.json"] = Meta(version, targetsFile) },
        };
        PublishSnapshot(scenario, snapshot, Sign(snapshot, scenario.SnapshotKey));
    }

    /// <summary>Publishes a signed snapshot.json under its version, with a timestamp signed by the real timestamp key.</summary>
    public static void PublishSnapshot(TufScenario scenario, TufSnapshot snapshot, byte[] snapshotFile)
    {
        File.WriteAllBytes(scenario.MetadataFile($"{snapshot.Version}.snapshot.json"), snapshotFile);
        var timestamp = scenario.Writer.Timestamp! with
        {
            Version = scenario.Writer.Timestamp!.Version + 1,
            Meta = new Dictionary<string, TufMetaFile> { ["snapshot.json"] = Meta(snapshot.Version, snapshotFile) },
        };
        File.WriteAllBytes(scenario.MetadataFile("timestamp.json"), Sign(timestamp, scenario.TimestampKey));
    }
}
