using System.Text.Json.Nodes;

namespace Hull.Workloads;

/// <summary>Picks the entry of settings.container-registry.credentials for an image's registry.</summary>
internal static class RegistryCredentials
{
    /// <summary>The credential whose registry is <paramref name="image"/>'s (docker.io when the reference names none), or null.</summary>
    public static RegistryCredential? For(string image, JsonArray? credentials)
    {
        var registry = RegistryOf(image);
        var entry = credentials?.FirstOrDefault(c => c?["registry"]?.GetValue<string>() is { } r && (r == registry || (registry == "docker.io" && r == "registry-1.docker.io")));
        return entry is null ? null : new RegistryCredential(
            entry["username"]?.GetValue<string>(),
            entry["password"]?.GetValue<string>(),
            entry["auth"]?.GetValue<string>(),
            entry["identitytoken"]?.GetValue<string>());
    }

    /// <summary>The credential as CRI's pull takes it (null for none).</summary>
    public static Cri.V1.AuthConfig? ToAuthConfig(RegistryCredential? credential) => credential is null ? null : new Cri.V1.AuthConfig
    {
        Username = credential.Username ?? "",
        Password = credential.Password ?? "",
        Auth = credential.Auth ?? "",
        IdentityToken = credential.IdentityToken ?? "",
    };

    /// <summary>The registry host of an image reference: the first component when it looks like a host (a '.', a ':' or localhost), else docker.io.</summary>
    public static string RegistryOf(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return "docker.io";
        }

        var first = image[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? first : "docker.io";
    }
}
