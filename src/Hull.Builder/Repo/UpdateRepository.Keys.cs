using Hull.Builder.Keys;
using Hull.Builder.Tools;
using Hull.Tuf;

namespace Hull.Builder.Repo;

internal sealed partial class UpdateRepository
{
    /// <summary>
    /// Re-signs timestamp.json (and snapshot.json, targets.json when asked) with new expiry dates, so hosts keep
    /// accepting a repository with no new release (TUF's freeze-attack protection makes stale metadata fail).
    /// </summary>
    public void Refresh(RefreshOptions options)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? Expiry(int? days, string option) => days switch
        {
            null => null,
            < 1 => throw new ToolException($"{option} {days}: must be at least 1"),
            _ => now + TimeSpan.FromDays(days.Value),
        };

        var timestamp = Expiry(options.TimestampDays, "--timestamp-days");
        var snapshot = Expiry(options.SnapshotDays, "--snapshot-days");
        var targets = Expiry(options.TargetsDays, "--targets-days");
        using var signers = _keys.LoadSigners();
        Signing(_keys, () =>
        {
            if (options.TargetsDays is not null)
            {
                _writer.SignTargets(signers.All, targets);
            }

            if (options.TargetsDays is not null || options.SnapshotDays is not null)
            {
                _writer.SignSnapshot(signers.All, snapshot);
            }

            _writer.SignTimestamp(signers.All, timestamp);
        });
        _log.WriteLine($"timestamp.json version {_writer.Timestamp!.Version} expires {_writer.Timestamp.Expires:u}; "
            + $"snapshot.json version {_writer.Snapshot!.Version} expires {_writer.Snapshot.Expires:u}; "
            + $"targets.json version {_writer.Targets!.Version} expires {_writer.Targets.Expires:u}; "
            + $"root.json version {_writer.Root.Version} expires {_writer.Root.Expires:u}");
    }

    /// <summary>
    /// Writes the next root.json version, signed by the current root keys and the new ones. With a
    /// <paramref name="role"/>, that role's keys become <paramref name="newKeyFiles"/> (with <paramref name="threshold"/>),
    /// the roles below it are signed again with them, and keys/updates/ROLE*.pem are replaced (the old ones move to
    /// retired/). Without, the same keys are signed again with a new expiry. Hosts holding an older root follow the chain.
    /// </summary>
    public TufRoot Rotate(string? role, IReadOnlyList<string> newKeyFiles, int threshold, int? rootDays)
    {
        if (role is null != (newKeyFiles.Count == 0))
        {
            throw new ToolException("--role and --new-key go together: name the role whose keys change and its new key file(s), or neither to re-sign root with a new expiry");
        }

        if (role is not null && !TufRoles.All.Contains(role))
        {
            throw new ToolException($"--role {role}: expected one of {string.Join(", ", TufRoles.All)}");
        }

        if (rootDays is < 1)
        {
            throw new ToolException($"--root-days {rootDays}: must be at least 1");
        }

        var expires = rootDays is { } days ? _time.GetUtcNow() + TimeSpan.FromDays(days) : (DateTimeOffset?)null;
        var old = _writer.Root;
        var newKeys = newKeyFiles.Select(file => (File: file, Pem: ReadKey(file))).ToList();
        using var fresh = new SignerSet(newKeys.Select(k => LoadKey(k.File)));
        if (role is not null && (threshold < 1 || threshold > fresh.All.DistinctBy(s => s.KeyId).Count()))
        {
            throw new ToolException($"--threshold {threshold}: must be 1 to the number of distinct new keys ({fresh.All.DistinctBy(s => s.KeyId).Count()})");
        }

        var policy = PolicyOf(old);
        if (role is not null)
        {
            var rolePolicy = new TufRolePolicy([.. fresh.All.Select(s => s.Key)], threshold);
            policy = role switch
            {
                TufRoles.Root => policy with { Root = rolePolicy },
                TufRoles.Targets => policy with { Targets = rolePolicy },
                TufRoles.Snapshot => policy with { Snapshot = rolePolicy },
                _ => policy with { Timestamp = rolePolicy },
            };
        }

        using var current = _keys.LoadSigners();
        List<TufSigner> all = [.. current.All, .. fresh.All];
        var root = Signing(_keys, () => _writer.RotateRoot(policy, all, expires));
        // A role signed with new keys must be published again under the new root; the roles below it list its file.
        Signing(_keys, () =>
        {
            if (role == TufRoles.Targets)
            {
                _writer.SignTargets(all);
            }

            if (role is TufRoles.Targets or TufRoles.Snapshot)
            {
                _writer.SignSnapshot(all);
            }

            if (role is TufRoles.Targets or TufRoles.Snapshot or TufRoles.Timestamp)
            {
                _writer.SignTimestamp(all);
            }
        });
        if (role is not null)
        {
            _keys.Replace(role, [.. newKeys.Select(k => k.Pem)], old.Version);
            _log.WriteLine($"{role} keys replaced in {_keys.Directory} (the old ones are in {_keys.RetiredDirectory})");
        }

        _log.WriteLine($"root.json version {root.Version} expires {root.Expires:u}; hosts holding version {old.Version} or earlier follow the chain");
        return root;
    }

    /// <summary>The keys and thresholds <paramref name="root"/> lists, as a policy to change one role of.</summary>
    private static TufRootPolicy PolicyOf(TufRoot root)
    {
        TufRolePolicy Role(string name)
        {
            var keys = root.Role(name)!;
            return new TufRolePolicy([.. keys.KeyIds.Select(id => root.Keys[id])], keys.Threshold);
        }

        return new TufRootPolicy(Role(TufRoles.Root), Role(TufRoles.Targets), Role(TufRoles.Snapshot), Role(TufRoles.Timestamp), root.ConsistentSnapshot ?? false);
    }

    private static byte[] ReadKey(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"--new-key {file}: cannot read it: {e.Message}");
        }
    }

    private static TufSigner LoadKey(string file)
    {
        try
        {
            return TufSigner.FromPemFile(file);
        }
        catch (InvalidDataException e)
        {
            throw new ToolException($"--new-key {e.Message}");
        }
    }
}
