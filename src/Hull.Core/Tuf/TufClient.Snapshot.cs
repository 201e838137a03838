namespace Hull.Tuf;

public sealed partial class TufClient
{
    // 5.5: snapshot.json as timestamp.json describes it, signed, and never dropping or lowering a targets version.
    private async Task<TufError?> UpdateSnapshotAsync(DateTimeOffset start, CancellationToken cancellationToken)
    {
        var fileName = TufRoles.FileName(TufRoles.Snapshot);
        var timestampFile = TufRoles.FileName(TufRoles.Timestamp);
        if (!_timestamp!.Signed.Meta.TryGetValue(fileName, out var meta))
        {
            return TufError.Of(TufErrorKind.Malformed, timestampFile, $"does not list {fileName}");
        }

        var trusted = LoadLocal(fileName, TufMetadataParser.Snapshot, TufRoles.Snapshot);

        // The stored copy is current when it is exactly what timestamp.json describes: no download needed.
        if (trusted is not null
            && trusted.Signed.Version == meta.Version
            && TufMetaCheck.Check(trusted.FileBytes, meta.Length, meta.Hashes, fileName, timestampFile) is null
            && Expired(trusted.Signed, fileName, start) is null)
        {
            _snapshot = trusted;
            return null;
        }

        var remoteName = ConsistentSnapshot ? TufRoles.VersionedFileName(meta.Version, TufRoles.Snapshot) : fileName;
        var fetched = meta.Length is { } length
            ? await FetchMetadataAsync(remoteName, length, $"{timestampFile}'s length for it", optional: false, cancellationToken).ConfigureAwait(false)
            : await FetchMetadataAsync(remoteName, _options.MaxSnapshotBytes, "the client's snapshot limit", optional: false, cancellationToken).ConfigureAwait(false);
        if (!fetched.Succeeded)
        {
            return fetched.Error;
        }

        // 5.5.2: hashes before signatures; they come from the verified timestamp and are cheap.
        if (TufMetaCheck.Check(fetched.Value!, meta.Length, meta.Hashes, remoteName, timestampFile) is { } mismatch)
        {
            return mismatch;
        }

        var parsed = TufMetadataParser.Snapshot(fetched.Value!, remoteName);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }

        var candidate = parsed.Value;
        var error = TufSignatureCheck.Check(_root!.Signed, TufRoles.Snapshot, candidate, TufRoles.FileName(TufRoles.Root))
            ?? CheckVersion(candidate.Signed, meta, remoteName, timestampFile)
            ?? CheckSnapshotRollback(trusted, candidate)
            ?? Expired(candidate.Signed, remoteName, start);
        if (error is not null)
        {
            return error;
        }

        _snapshot = candidate;
        _store.Write(fileName, candidate.FileBytes);
        return null;
    }

    private static TufError? CheckVersion(ITufSigned signed, TufMetaFile meta, string file, string listedIn) =>
        signed.Version == meta.Version
            ? null
            : TufError.Of(TufErrorKind.VersionMismatch, file, $"holds version {signed.Version}, but {listedIn} lists version {meta.Version} (mix-and-match?)");

    // 5.5.5: every targets file the trusted snapshot listed stays listed, at the same or a newer version.
    private static TufError? CheckSnapshotRollback(TufMetadata<TufSnapshot>? trusted, TufMetadata<TufSnapshot> candidate)
    {
        foreach (var (name, old) in trusted?.Signed.Meta ?? new Dictionary<string, TufMetaFile>())
        {
            if (!candidate.Signed.Meta.TryGetValue(name, out var now))
            {
                return TufError.Of(TufErrorKind.Rollback, candidate.File, $"no longer lists {name}, which the trusted snapshot version {trusted!.Signed.Version} did (rollback?)");
            }

            if (now.Version < old.Version)
            {
                return TufError.Of(TufErrorKind.Rollback, candidate.File,
                    $"lists {name} version {now.Version}, older than version {old.Version} in the trusted snapshot (rollback?)");
            }
        }

        return null;
    }
}
