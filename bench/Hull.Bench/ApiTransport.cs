using System.Text.Json.Serialization;

namespace Hull.Bench;

/// <summary>How the benchmark's clients reach the apiserver.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiTransport>))]
internal enum ApiTransport
{
    /// <summary>The Unix socket, as apiclient and `hull ctl` on the host.</summary>
    Unix,

    /// <summary>HTTPS on TCP with a client certificate, as `hull ctl` from the build machine.</summary>
    MutualTls,
}
