using Hull.Builder.Tools;

namespace Hull.Builder.Debian;

/// <summary>
/// The apt that knows one Debian suite's packages. The build machine's suite (bookworm) is the machine's own apt;
/// another suite gets a private apt state under the cache (its own sources list and package lists, Debian's archive
/// keyring from the machine), so nothing of the machine's apt configuration changes. It never installs anything.
/// </summary>
internal sealed class AptSource
{
    /// <summary>The suite of the build machine's own apt, and of every package that names no other.</summary>
    public const string HostSuite = "bookworm";

    private const string Archive = "http://deb.debian.org/debian";
    private const string SecurityArchive = "http://deb.debian.org/debian-security";
    private const string Keyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

    private readonly string? _root;

    private AptSource(string suite, string? root)
    {
        Suite = suite;
        _root = root;
    }

    /// <summary>The machine's own apt.</summary>
    public static AptSource Host { get; } = new(HostSuite, null);

    /// <summary>The suite's name, as in the lock file.</summary>
    public string Suite { get; }

    /// <summary>The apt for <paramref name="suite"/>: the machine's for bookworm, a private one under <paramref name="cacheDirectory"/>/apt otherwise.</summary>
    public static AptSource For(string suite, string cacheDirectory) =>
        suite == HostSuite ? Host : new AptSource(suite, Path.Combine(Path.GetFullPath(cacheDirectory), "apt", suite));

    /// <summary>The options that point apt-get and apt-cache at this suite's state (none for the machine's apt).</summary>
    public IReadOnlyList<string> Options => _root is null ? [] :
    [
        "-o", $"Dir::Etc::SourceList={Path.Combine(_root, "sources.list")}",
        "-o", "Dir::Etc::SourceParts=/dev/null",
        "-o", $"Dir::State::Lists={Path.Combine(_root, "lists")}",
        "-o", $"Dir::Cache={Path.Combine(_root, "cache")}",
        "-o", "Dir::State::Status=/dev/null",
        "-o", "APT::Architecture=amd64",
    ];

    /// <summary>
    /// Makes sure a private suite has package lists: fetched when there are none yet, or always when
    /// <paramref name="refresh"/> (as `--update-lock` does). The machine's own apt is refreshed by `./hull setup`.
    /// </summary>
    public async Task EnsureListsAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (_root is null)
        {
            return;
        }

        var lists = Path.Combine(_root, "lists");
        if (!refresh && Directory.Exists(lists) && Directory.EnumerateFiles(lists, "*_Packages*").Any())
        {
            return;
        }

        Directory.CreateDirectory(Path.Combine(lists, "partial"));
        Directory.CreateDirectory(Path.Combine(_root, "cache", "archives", "partial"));
        await File.WriteAllTextAsync(Path.Combine(_root, "sources.list"), SourcesList(Suite), cancellationToken).ConfigureAwait(false);
        await Tool.RunAsync("apt-get", [.. Options, "update", "-q"], cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sources of a suite in Debian's archive: main, its point-release updates and its security updates.</summary>
    internal static string SourcesList(string suite) =>
        $"deb [signed-by={Keyring}] {Archive} {suite} main\n" +
        $"deb [signed-by={Keyring}] {Archive} {suite}-updates main\n" +
        $"deb [signed-by={Keyring}] {SecurityArchive} {suite}-security main\n";
}
