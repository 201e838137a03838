using System.Security.Cryptography;
using System.Text.Json;

namespace Hull.Tuf;

public sealed partial class TufRepositoryWriter
{
    /// <summary>Signs the next targets, snapshot and timestamp versions, in that order (readers see each only once what it names exists).</summary>
    public void Publish(IEnumerable<TufSigner> signers)
    {
        var keys = signers.ToList();
        SignTargets(keys);
        SignSnapshot(keys);
        SignTimestamp(keys);
    }

    /// <summary>Signs the next targets.json version with the targets added and removed so far. Publish snapshot and timestamp after it.</summary>
    public TufTargets SignTargets(IEnumerable<TufSigner> signers, DateTimeOffset? expires = null)
    {
        var targets = new TufTargets
        {
            Type = TufRoles.Targets,
            SpecVersion = TufRoles.SpecVersion,
            Version = (_targets?.Version ?? 0) + 1,
            Expires = ExpiresAt(expires, _options.TargetsLifetime),
            Targets = new SortedDictionary<string, TufTargetFile>(_targetFiles, StringComparer.Ordinal),
            Extra = _targets?.Extra,
        };
        var bytes = TufMetadataWriter.Write(targets, TufJsonContext.Default.TufTargets, Choose(_root, TufRoles.Targets, signers, "root.json"));
        WriteMetadata(TufRoles.Targets, targets.Version, bytes, Consistent);
        (_targets, _targetsBytes) = (targets, bytes);
        return targets;
    }

    /// <summary>Signs the next snapshot.json version, listing the current targets.json.</summary>
    public TufSnapshot SignSnapshot(IEnumerable<TufSigner> signers, DateTimeOffset? expires = null)
    {
        var targets = _targets ?? throw new InvalidOperationException($"{Directory}: sign targets before the snapshot");
        var meta = new SortedDictionary<string, TufMetaFile>(
            _snapshot?.Meta.ToDictionary() ?? new Dictionary<string, TufMetaFile>(), StringComparer.Ordinal)
        {
            [TufRoles.FileName(TufRoles.Targets)] = MetaOf(targets.Version, _targetsBytes!),
        };
        var snapshot = new TufSnapshot
        {
            Type = TufRoles.Snapshot,
            SpecVersion = TufRoles.SpecVersion,
            Version = (_snapshot?.Version ?? 0) + 1,
            Expires = ExpiresAt(expires, _options.SnapshotLifetime),
            Meta = meta,
            Extra = _snapshot?.Extra,
        };
        var bytes = TufMetadataWriter.Write(snapshot, TufJsonContext.Default.TufSnapshot, Choose(_root, TufRoles.Snapshot, signers, "root.json"));
        WriteMetadata(TufRoles.Snapshot, snapshot.Version, bytes, Consistent);
        (_snapshot, _snapshotBytes) = (snapshot, bytes);
        return snapshot;
    }

    /// <summary>Signs the next timestamp.json version, listing the current snapshot.json; run it more often than the timestamp lifetime.</summary>
    public TufTimestamp SignTimestamp(IEnumerable<TufSigner> signers, DateTimeOffset? expires = null)
    {
        var snapshot = _snapshot ?? throw new InvalidOperationException($"{Directory}: sign the snapshot before the timestamp");
        var timestamp = new TufTimestamp
        {
            Type = TufRoles.Timestamp,
            SpecVersion = TufRoles.SpecVersion,
            Version = (_timestamp?.Version ?? 0) + 1,
            Expires = ExpiresAt(expires, _options.TimestampLifetime),
            Meta = new Dictionary<string, TufMetaFile> { [TufRoles.FileName(TufRoles.Snapshot)] = MetaOf(snapshot.Version, _snapshotBytes!) },
            Extra = _timestamp?.Extra,
        };
        var bytes = TufMetadataWriter.Write(timestamp, TufJsonContext.Default.TufTimestamp, Choose(_root, TufRoles.Timestamp, signers, "root.json"));
        // Clients always ask for timestamp.json by that name (spec "Writing consistent snapshots").
        WriteMetadata(TufRoles.Timestamp, timestamp.Version, bytes, versioned: false);
        _timestamp = timestamp;
        return timestamp;
    }

    /// <summary>
    /// Writes the next root version with <paramref name="policy"/>'s keys (the same policy only extends the
    /// expiry), signed by a threshold of the current root keys and a threshold of the new ones. When the
    /// timestamp, snapshot or targets keys change, publish those roles again with the new keys.
    /// </summary>
    public TufRoot RotateRoot(TufRootPolicy policy, IEnumerable<TufSigner> signers, DateTimeOffset? expires = null)
    {
        var keys = signers.ToList();
        var root = BuildRoot(policy, _root.Version + 1, ExpiresAt(expires, _options.RootLifetime), _root.Extra);
        var chosen = Choose(_root, TufRoles.Root, keys, $"root.json version {_root.Version}")
            .Concat(Choose(root, TufRoles.Root, keys, $"the new root.json version {root.Version}"))
            .DistinctBy(s => s.KeyId)
            .ToList();
        WriteRoot(root, chosen);
        _root = root;
        return root;
    }

    private bool Consistent => _root.ConsistentSnapshot ?? false;

    private static TufRoot BuildRoot(TufRootPolicy policy, long version, DateTimeOffset expires, Dictionary<string, JsonElement>? extra)
    {
        var keys = new SortedDictionary<string, TufKey>(StringComparer.Ordinal);
        var roles = new SortedDictionary<string, TufRoleKeys>(StringComparer.Ordinal);
        foreach (var (role, rolePolicy) in new[] { (TufRoles.Root, policy.Root), (TufRoles.Targets, policy.Targets), (TufRoles.Snapshot, policy.Snapshot), (TufRoles.Timestamp, policy.Timestamp) })
        {
            var ids = rolePolicy.Keys.Select(k => (Id: k.ComputeId(), Key: k)).DistinctBy(k => k.Id).ToList();
            if (rolePolicy.Threshold < 1 || rolePolicy.Threshold > ids.Count)
            {
                throw new ArgumentException($"root.json version {version}: role '{role}' has threshold {rolePolicy.Threshold} with {ids.Count} distinct key(s); it must be 1..{ids.Count}", nameof(policy));
            }

            foreach (var (id, key) in ids)
            {
                keys[id] = key;
            }

            roles[role] = new TufRoleKeys([.. ids.Select(k => k.Id).Order(StringComparer.Ordinal)], rolePolicy.Threshold);
        }

        return new TufRoot
        {
            Type = TufRoles.Root,
            SpecVersion = TufRoles.SpecVersion,
            ConsistentSnapshot = policy.ConsistentSnapshot,
            Version = version,
            Expires = expires,
            Keys = keys,
            Roles = roles,
            Extra = extra,
        };
    }

    // Every root version stays published as N.root.json: clients walk the chain one version at a time.
    private void WriteRoot(TufRoot root, IReadOnlyList<TufSigner> signers) =>
        WriteMetadata(TufRoles.Root, root.Version, TufMetadataWriter.Write(root, TufJsonContext.Default.TufRoot, signers), versioned: true);

    private TufMetaFile MetaOf(long version, byte[] bytes) =>
        _options.ListLengthAndHashes
            ? new TufMetaFile(version, bytes.LongLength, new Dictionary<string, string> { [TufHashes.Sha256] = Convert.ToHexStringLower(SHA256.HashData(bytes)) })
            : new TufMetaFile(version);

    /// <summary>The signers <paramref name="keysFrom"/> lists for <paramref name="role"/>, one per key; throws when fewer than its threshold.</summary>
    private static List<TufSigner> Choose(TufRoot keysFrom, string role, IEnumerable<TufSigner> signers, string keysFile)
    {
        var roleKeys = keysFrom.Role(role)!;
        var chosen = signers.Where(s => roleKeys.KeyIds.Contains(s.KeyId)).DistinctBy(s => s.KeyId).ToList();
        return chosen.Count >= roleKeys.Threshold
            ? chosen
            : throw new InvalidOperationException(
                $"{TufRoles.FileName(role)}: {chosen.Count} of the signing keys given are {role} keys in {keysFile}, and its threshold is {roleKeys.Threshold}");
    }
}
