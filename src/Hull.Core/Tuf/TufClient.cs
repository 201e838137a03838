namespace Hull.Tuf;

/// <summary>
/// A TUF client following the spec's "Detailed client workflow": root chain, timestamp, snapshot and targets,
/// then verified target downloads. Trusted metadata lives in one folder, which must start with a root.json
/// shipped out of band. Every refusal is a <see cref="TufError"/> naming the file; nothing is trusted on failure.
/// </summary>
/// <remarks>Delegated targets roles and mirrors.json are not supported: targets are looked up in the top-level targets.json only.</remarks>
public sealed partial class TufClient
{
    private readonly ITufTransport _transport;
    private readonly TufTrustedStore _store;
    private readonly TufClientOptions _options;
    private readonly TimeProvider _time;

    private TufMetadata<TufRoot>? _root;
    private TufMetadata<TufTimestamp>? _timestamp;
    private TufMetadata<TufSnapshot>? _snapshot;
    private TufMetadata<TufTargets>? _targets;
    private bool _refreshed;

    /// <summary>A client that fetches through <paramref name="transport"/> and keeps trusted metadata in <paramref name="metadataDirectory"/>.</summary>
    public TufClient(ITufTransport transport, string metadataDirectory, TufClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        _transport = transport;
        _store = new TufTrustedStore(metadataDirectory);
        _options = options ?? new TufClientOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The trusted root after the last refresh (or its attempt), or null before one.</summary>
    public TufRoot? TrustedRoot => _root?.Signed;

    /// <summary>The trusted timestamp after the last refresh (or its attempt), or null.</summary>
    public TufTimestamp? TrustedTimestamp => _timestamp?.Signed;

    /// <summary>The trusted snapshot after the last refresh (or its attempt), or null.</summary>
    public TufSnapshot? TrustedSnapshot => _snapshot?.Signed;

    /// <summary>Runs the whole metadata workflow (spec 5.1-5.6) and returns the trusted targets.</summary>
    public async Task<TufResult<TufTargets>> RefreshAsync(CancellationToken cancellationToken)
    {
        _refreshed = false;
        _timestamp = null;
        _snapshot = null;
        _targets = null;

        // 5.1: one instant for every expiry check, so nothing expires half-way through.
        var start = _time.GetUtcNow();
        var error = LoadTrustedRoot()
            ?? await UpdateRootAsync(start, cancellationToken).ConfigureAwait(false)
            ?? await UpdateTimestampAsync(start, cancellationToken).ConfigureAwait(false)
            ?? await UpdateSnapshotAsync(start, cancellationToken).ConfigureAwait(false)
            ?? await UpdateTargetsAsync(start, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        _refreshed = true;
        return _targets!.Signed;
    }

    /// <summary>The trusted entry for <paramref name="targetPath"/>; refreshes first unless this client already has.</summary>
    public async Task<TufResult<TufTargetFile>> GetTargetInfoAsync(string targetPath, CancellationToken cancellationToken)
    {
        if (!_refreshed)
        {
            var refresh = await RefreshAsync(cancellationToken).ConfigureAwait(false);
            if (!refresh.Succeeded)
            {
                return refresh.Error;
            }
        }

        var targets = _targets!;
        return targets.Signed.Targets.TryGetValue(targetPath, out var target)
            ? target
            : TufError.Of(TufErrorKind.TargetNotFound, targetPath,
                $"not listed in {targets.File} version {targets.Signed.Version}; only listed targets are fetched");
    }

    private bool ConsistentSnapshot => _root!.Signed.ConsistentSnapshot ?? false;

    private static TufError? Expired(ITufSigned signed, string file, DateTimeOffset start) =>
        signed.Expires > start
            ? null
            : TufError.Of(TufErrorKind.Expired, file,
                $"expired at {TufDateTimeConverter.Text(signed.Expires)}, before this update began at {TufDateTimeConverter.Text(start)} (freeze attack?)");
}
