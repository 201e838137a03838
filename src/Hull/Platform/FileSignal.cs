namespace Hull.Platform;

/// <summary>
/// Wakes a polling loop early when another process touches a file (inotify, through FileSystemWatcher): the API server
/// touches <see cref="SettingsApplied"/> after each transaction it commits or applies, so the workloads service acts on
/// a change at once instead of at its next pass. A missed or spurious wake-up costs nothing: the loop still polls.
/// </summary>
internal sealed class FileSignal : IDisposable
{
    /// <summary>Touched by the API server after a successful POST under /tx.</summary>
    public const string SettingsApplied = "/run/hull/settings-applied";

    private readonly FileSystemWatcher _watcher;
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Watches <paramref name="file"/> (its folder is created if missing).</summary>
    public FileSignal(string file)
    {
        var directory = Directory.CreateDirectory(Path.GetDirectoryName(file)!).FullName;
        _watcher = new FileSystemWatcher(directory, Path.GetFileName(file)) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName };
        _watcher.Changed += (_, _) => Raise();
        _watcher.Created += (_, _) => Raise();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Marks <paramref name="file"/> as written (creating it when missing).</summary>
    public static void Touch(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until the file is touched (or was, since the last wait) or <paramref name="timeout"/> passes; false on timeout.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _watcher.Dispose();
        _signal.Dispose();
    }

    private void Raise()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up is enough.
        }
    }
}
