using System.Text;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// containerd's environment file, from <c>settings.network</c>'s proxies: HTTP_PROXY, HTTPS_PROXY and NO_PROXY,
/// each also in lower case (Go reads the upper case first, other tools only the lower). PID 1 reads the file each
/// time it starts containerd (<see cref="Init.ServiceDefinition.EnvironmentFile"/>), so a change restarts it.
/// </summary>
internal static class ContainerdEnvironment
{
    /// <summary>Where it is rendered (and where PID 1 writes the proxy-less version at boot, before containerd starts).</summary>
    public const string Path = "/etc/hull/containerd.env";

    /// <summary>Always kept off the proxy, as Bottlerocket does: the host's own services (and containerd's local registry mirrors) must not go through it.</summary>
    public static readonly IReadOnlyList<string> NoProxyDefaults = ["localhost", "127.0.0.1"];

    /// <summary>
    /// The file for <paramref name="settings"/>. Without a proxy it is only its comment, the same text PID 1 writes at
    /// boot, so a host without proxies never restarts containerd for it; NO_PROXY is written only beside a proxy.
    /// </summary>
    public static string Render(JsonObject settings)
    {
        var network = settings["network"];
        var http = network?["http-proxy"]?.GetValue<string>();
        var https = network?["https-proxy"]?.GetValue<string>();
        var text = new StringBuilder("# containerd's environment, from settings.network.http-proxy, https-proxy and no-proxy; PID 1 reads it whenever it starts containerd.\n");
        if (http is null && https is null)
        {
            return text.ToString();
        }

        Append(text, "HTTP_PROXY", http);
        Append(text, "HTTPS_PROXY", https);
        var noProxy = NoProxyDefaults.Concat((network?["no-proxy"]?.AsArray() ?? []).Select(n => n!.GetValue<string>())).Distinct(StringComparer.Ordinal);
        Append(text, "NO_PROXY", string.Join(',', noProxy));
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        // The schema refuses these already; a newline here would smuggle in another variable.
        if (value.Any(char.IsControl))
        {
            throw new ArgumentException($"the value for {name} has a control character: {value}");
        }

        text.Append(name).Append('=').Append(value).Append('\n')
            .Append(name.ToLowerInvariant()).Append('=').Append(value).Append('\n');
    }
}
