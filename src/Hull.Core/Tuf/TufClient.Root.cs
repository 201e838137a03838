namespace Hull.Tuf;

public sealed partial class TufClient
{
    // 5.2: the trusted root must parse and be signed by its own root threshold; its expiry does not matter yet.
    private TufError? LoadTrustedRoot()
    {
        var fileName = TufRoles.FileName(TufRoles.Root);
        var where = Path.Combine(_store.Directory, fileName);
        if (_store.Read(fileName) is not { } bytes)
        {
            return TufError.Of(TufErrorKind.NoTrustedRoot, fileName, $"no trusted root at {where}; install one out of band");
        }

        var parsed = TufMetadataParser.Root(bytes, fileName);
        if (!parsed.Succeeded)
        {
            return TufError.Of(TufErrorKind.NoTrustedRoot, fileName, $"the trusted root at {where} is unusable: {parsed.Error.Message}");
        }

        if (TufSignatureCheck.Check(parsed.Value.Signed, TufRoles.Root, parsed.Value, fileName) is { } unsigned)
        {
            return TufError.Of(TufErrorKind.NoTrustedRoot, fileName, $"the trusted root at {where} is not signed by its own keys: {unsigned.Message}");
        }

        _root = parsed.Value;
        return null;
    }

    // 5.3: follow N+1.root.json until there is none, each signed by the old and the new root thresholds.
    private async Task<TufError?> UpdateRootAsync(DateTimeOffset start, CancellationToken cancellationToken)
    {
        var original = _root!.Signed;
        var rootFile = TufRoles.FileName(TufRoles.Root);
        for (var i = 0; i < _options.MaxRootRotations; i++)
        {
            var trusted = _root!;
            var next = trusted.Signed.Version + 1;
            var fileName = TufRoles.VersionedFileName(next, TufRoles.Root);
            var fetched = await FetchMetadataAsync(fileName, _options.MaxRootBytes, "the client's root limit", optional: true, cancellationToken).ConfigureAwait(false);
            if (!fetched.Succeeded)
            {
                return fetched.Error;
            }

            if (fetched.Value is not { } bytes)
            {
                break;
            }

            var parsed = TufMetadataParser.Root(bytes, fileName);
            if (!parsed.Succeeded)
            {
                return parsed.Error;
            }

            var candidate = parsed.Value;
            var error = TufSignatureCheck.Check(trusted.Signed, TufRoles.Root, candidate, rootFile)
                ?? TufSignatureCheck.Check(candidate.Signed, TufRoles.Root, candidate, fileName);
            if (error is not null)
            {
                return error;
            }

            if (candidate.Signed.Version != next)
            {
                return TufError.Of(TufErrorKind.Rollback, fileName, $"holds version {candidate.Signed.Version}, expected exactly {next} (rollback?)");
            }

            _root = candidate;
            _store.Write(rootFile, candidate.FileBytes);
        }

        if (Expired(_root!.Signed, rootFile, start) is { } expired)
        {
            return expired;
        }

        // 5.3.11: new timestamp or snapshot keys mean the old files may have been signed by a compromised key
        // with fast-forwarded versions; forget them so the rollback checks start afresh.
        if (KeysChanged(original, _root.Signed, TufRoles.Timestamp) || KeysChanged(original, _root.Signed, TufRoles.Snapshot))
        {
            _store.Delete(TufRoles.FileName(TufRoles.Timestamp));
            _store.Delete(TufRoles.FileName(TufRoles.Snapshot));
        }

        return null;
    }

    private static bool KeysChanged(TufRoot before, TufRoot after, string role) =>
        !before.Role(role)!.KeyIds.ToHashSet(StringComparer.Ordinal).SetEquals(after.Role(role)!.KeyIds);
}
