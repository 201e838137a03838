using System.Globalization;
using System.Text.Json.Nodes;
using Hull.Datastore;
using Hull.Settings;

namespace Hull.Api;

/// <summary>
/// Hull's commits that revert unless confirmed (beyond Bottlerocket): <c>POST /tx/commit_and_apply?confirm-within=SECONDS</c>
/// (in SettingsEndpoints), <c>POST /tx/confirm[?id=]</c>, <c>GET /tx/pending-confirmation</c>.
/// </summary>
internal static class ConfirmationEndpoints
{
    /// <summary>The longest confirm-within accepted: a day. A change nobody confirms for longer is a change nobody is watching.</summary>
    public const int MaxSeconds = 86_400;

    public static void Map(WebApplication app, SettingsService settings, TimeProvider time)
    {
        app.MapPost("/tx/confirm", async (HttpRequest request, CancellationToken ct) =>
        {
            var confirmed = await settings.ConfirmAsync(request.Query["id"].FirstOrDefault() is { Length: > 0 } id ? id : null, ct).ConfigureAwait(false);
            return confirmed.Succeeded ? Json(View(confirmed.Value!, time)) : SettingsEndpoints.Refused(confirmed);
        });
        app.MapGet("/tx/pending-confirmation", async (CancellationToken ct) =>
        {
            var pending = await settings.PendingConfirmationAsync(ct).ConfigureAwait(false);
            return pending.Succeeded ? Json(View(pending.Value!, time)) : SettingsEndpoints.Refused(pending);
        });
    }

    /// <summary>The confirm-within query parameter: absent (null), or whole seconds from 1 to a day; otherwise why not.</summary>
    public static (TimeSpan? Window, string? Error) ParseWindow(HttpRequest request)
    {
        if (request.Query["confirm-within"].FirstOrDefault() is not { } text)
        {
            return (null, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= MaxSeconds
            ? (TimeSpan.FromSeconds(seconds), null)
            : (null, $"confirm-within: \"{text}\" is not a whole number of seconds from 1 to {MaxSeconds}");
    }

    public static ConfirmationView View(PendingConfirmation pending, TimeProvider time) => new(
        pending.Id,
        pending.Transaction,
        pending.CommittedAt,
        pending.Deadline,
        Math.Max(0, Math.Round((pending.Deadline - time.GetUtcNow()).TotalSeconds, 1)),
        [.. pending.Changes.Select(c => new ConfirmationChangeView(c.Key, c.Before is null ? null : JsonNode.Parse(c.Before), c.After is null ? null : JsonNode.Parse(c.After)))]);

    private static IResult Json(ConfirmationView view) => Results.Json(view, ApiJsonContext.Default.ConfirmationView);
}
