using System.Text.Json.Serialization.Metadata;
using Hull.Platform;

namespace Hull.Api;

/// <summary>GET /host-containers and GET /bootstrap-containers: what the workloads service last published (empty lists before it has).</summary>
internal static class HostContainerEndpoints
{
    public static void Map(WebApplication app, ApiServerOptions options)
    {
        app.MapGet("/host-containers", () => Published(options.HostContainersFile, ApiJsonContext.Default.ListHostContainerStatus));
        app.MapGet("/bootstrap-containers", () => Published(options.BootstrapContainersFile, ApiJsonContext.Default.ListBootstrapContainerStatus));
    }

    private static IResult Published<T>(string file, JsonTypeInfo<List<T>> type) => Results.Json(StatusFile.ReadList(file, type) ?? [], type);
}
