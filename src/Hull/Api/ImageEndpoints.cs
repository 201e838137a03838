using Hull.Containerd;

namespace Hull.Api;

/// <summary>
/// POST /images/import[?name=]: an OCI image archive in the body (streamed, read once) imported into containerd's
/// CRI namespace and unpacked, so workloads can use it without a registry. Without <c>name</c>, the names come from
/// the archive's io.containerd.image.name annotations.
/// </summary>
internal static class ImageEndpoints
{
    public static void Map(WebApplication app, ApiServerOptions options)
    {
        app.MapPost("/images/import", async (HttpRequest request, CancellationToken ct) =>
        {
            using var containerd = new ContainerdClient(ContainerdClientOptions.For(options.ContainerdSocket));
            var importer = new ImageImporter(containerd, ImageImporterOptions.Default, TimeProvider.System);
            try
            {
                var images = await importer.ImportArchiveAsync(request.Body, request.Query["name"].FirstOrDefault(), ct).ConfigureAwait(false);
                return Results.Json(images.Select(i => new ImportedImageInfo(i.Name, i.ManifestDigest, i.Size)).ToList(), ApiJsonContext.Default.ListImportedImageInfo);
            }
            catch (ImageImportException e)
            {
                return Results.Json(new ApiError(e.Message), ApiJsonContext.Default.ApiError, statusCode: 400);
            }
            catch (ContainerdException e)
            {
                return Results.Json(new ApiError(e.Message), ApiJsonContext.Default.ApiError, statusCode: 503);
            }
        });
    }
}
