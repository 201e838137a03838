namespace Hull.Tuf;

public sealed partial class TufClient
{
    // 5.6: targets.json as snapshot.json describes it, signed and unexpired.
    private async Task<TufError?> UpdateTargetsAsync(DateTimeOffset start, CancellationToken cancellationToken)
    {
        var fileName = TufRoles.FileName(TufRoles.Targets);
        var snapshotFile = TufRoles.FileName(TufRoles.Snapshot);
        if (!_snapshot!.Signed.Meta.TryGetValue(fileName, out var meta))
        {
            return TufError.Of(TufErrorKind.Malformed, snapshotFile, $"does not list {fileName}");
        }

        var trusted = LoadLocal(fileName, TufMetadataParser.Targets, TufRoles.Targets);
        if (trusted is not null
            && trusted.Signed.Version == meta.Version
            && TufMetaCheck.Check(trusted.FileBytes, meta.Length, meta.Hashes, fileName, snapshotFile) is null
            && Expired(trusted.Signed, fileName, start) is null)
        {
            _targets = trusted;
            return null;
        }

        var remoteName = ConsistentSnapshot ? TufRoles.VersionedFileName(meta.Version, TufRoles.Targets) : fileName;
        var fetched = meta.Length is { } length
            ? await FetchMetadataAsync(remoteName, length, $"{snapshotFile}'s length for it", optional: false, cancellationToken).ConfigureAwait(false)
            : await FetchMetadataAsync(remoteName, _options.MaxTargetsBytes, "the client's targets limit", optional: false, cancellationToken).ConfigureAwait(false);
        if (!fetched.Succeeded)
        {
            return fetched.Error;
        }

        if (TufMetaCheck.Check(fetched.Value!, meta.Length, meta.Hashes, remoteName, snapshotFile) is { } mismatch)
        {
            return mismatch;
        }

        var parsed = TufMetadataParser.Targets(fetched.Value!, remoteName);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }

        var candidate = parsed.Value;
        var error = TufSignatureCheck.Check(_root!.Signed, TufRoles.Targets, candidate, TufRoles.FileName(TufRoles.Root))
            ?? CheckVersion(candidate.Signed, meta, remoteName, snapshotFile)
            ?? Expired(candidate.Signed, remoteName, start);
        if (error is not null)
        {
            return error;
        }

        _targets = candidate;
        _store.Write(fileName, candidate.FileBytes);
        return null;
    }
}
