namespace Hull.Tuf;

public sealed partial class TufClient
{
    // 5.4: timestamp.json, signed by the timestamp threshold, no older than the trusted one, unexpired.
    private async Task<TufError?> UpdateTimestampAsync(DateTimeOffset start, CancellationToken cancellationToken)
    {
        var fileName = TufRoles.FileName(TufRoles.Timestamp);
        var snapshotFile = TufRoles.FileName(TufRoles.Snapshot);
        var trusted = LoadLocal(fileName, TufMetadataParser.Timestamp, TufRoles.Timestamp);

        var fetched = await FetchMetadataAsync(fileName, _options.MaxTimestampBytes, "the client's timestamp limit", optional: false, cancellationToken).ConfigureAwait(false);
        if (!fetched.Succeeded)
        {
            return fetched.Error;
        }

        var parsed = TufMetadataParser.Timestamp(fetched.Value!, fileName);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }

        var candidate = parsed.Value;
        if (TufSignatureCheck.Check(_root!.Signed, TufRoles.Timestamp, candidate, TufRoles.FileName(TufRoles.Root)) is { } unsigned)
        {
            return unsigned;
        }

        if (!candidate.Signed.Meta.TryGetValue(snapshotFile, out var snapshotMeta) || candidate.Signed.Meta.Count != 1)
        {
            return TufError.Of(TufErrorKind.Malformed, fileName, $"meta must list exactly {snapshotFile}");
        }

        if (trusted is not null)
        {
            if (candidate.Signed.Version < trusted.Signed.Version)
            {
                return TufError.Of(TufErrorKind.Rollback, fileName,
                    $"version {candidate.Signed.Version} is older than the trusted version {trusted.Signed.Version} (rollback?)");
            }

            if (candidate.Signed.Version == trusted.Signed.Version)
            {
                // 5.4.3.1: the same version means nothing changed; keep the trusted copy (its expiry still counts).
                candidate = trusted;
            }
            else if (trusted.Signed.Meta.TryGetValue(snapshotFile, out var trustedMeta) && snapshotMeta.Version < trustedMeta.Version)
            {
                return TufError.Of(TufErrorKind.Rollback, fileName,
                    $"lists {snapshotFile} version {snapshotMeta.Version}, older than version {trustedMeta.Version} in the trusted {fileName} (rollback?)");
            }
        }

        if (Expired(candidate.Signed, fileName, start) is { } expired)
        {
            return expired;
        }

        _timestamp = candidate;
        if (!ReferenceEquals(candidate, trusted))
        {
            _store.Write(fileName, candidate.FileBytes);
        }

        return null;
    }

    /// <summary>
    /// A locally stored file that still verifies under the trusted root, or null. A stored file that does not
    /// (new keys, a torn write) is simply not trusted; the fetched one then stands without the rollback check.
    /// </summary>
    private TufMetadata<T>? LoadLocal<T>(string fileName, Func<byte[], string, TufResult<TufMetadata<T>>> parse, string role)
        where T : ITufSigned
    {
        if (_store.Read(fileName) is not { } bytes)
        {
            return null;
        }

        var parsed = parse(bytes, fileName);
        return parsed.Succeeded && TufSignatureCheck.Check(_root!.Signed, role, parsed.Value, TufRoles.FileName(TufRoles.Root)) is null
            ? parsed.Value
            : null;
    }
}
