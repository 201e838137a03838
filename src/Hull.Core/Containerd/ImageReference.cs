using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Hull.Containerd;

/// <summary>
/// Image names the way CRI looks them up. CRI resolves a name through Docker's normalisation
/// (distribution/reference ParseDockerRef) before it searches containerd's image records, so a
/// record named "busybox:1" is never found: it has to be "docker.io/library/busybox:1".
/// </summary>
internal static partial class ImageReference
{
    private const string DockerHub = "docker.io";

    /// <summary>
    /// Adds what Docker's rules leave implicit: the docker.io domain when the first component is
    /// not a host ("x.y", "x:port" or "localhost"), "library/" for a one-component Docker Hub name,
    /// ":latest" when there is neither tag nor digest. False, with the reason, for what CRI would refuse.
    /// </summary>
    public static bool TryNormalize(string name, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? reason)
    {
        normalized = null;
        var (rest, digest) = name.LastIndexOf('@') is var at and >= 0 ? (name[..at], name[at..]) : (name, "");
        var slash = rest.IndexOf('/');
        var first = slash < 0 ? "" : rest[..slash];
        var isHost = slash >= 0 && (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsAsciiLetterUpper));
        var (domain, path) = isHost ? (first, rest[(slash + 1)..]) : (DockerHub, rest);
        if (domain == "index.docker.io")
        {
            domain = DockerHub;
        }

        var colon = path.LastIndexOf(':');
        var (repository, tag) = colon >= 0 ? (path[..colon], path[(colon + 1)..]) : (path, "");
        if (domain == DockerHub && !repository.Contains('/'))
        {
            repository = "library/" + repository;
        }

        reason = !HostPattern().IsMatch(domain) ? $"'{domain}' is not a registry host"
            : !RepositoryPattern().IsMatch(repository) ? $"repository '{repository}' must be lowercase letters, digits and separators (. _ __ - /) between components"
            : colon >= 0 && !TagPattern().IsMatch(tag) ? $"tag '{tag}' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"
            : digest.Length > 0 && !DigestPattern().IsMatch(digest) ? $"digest '{digest[1..]}' is not algorithm:hex"
            : null;
        if (reason is not null)
        {
            reason = $"image name '{name}': {reason}";
            return false;
        }

        normalized = $"{domain}/{repository}{(colon >= 0 ? ":" + tag : digest.Length == 0 ? ":latest" : "")}{digest}";
        return true;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?(:[0-9]+)?$")]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^@[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$")]
    private static partial Regex DigestPattern();
}
