using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Datastore;
using Hull.Settings;

namespace Hull.Api;

/// <summary>
/// Bottlerocket's settings paths: /settings, /settings/keypair, /tx, /tx/list, /tx/commit, /tx/apply, /tx/commit_and_apply;
/// and Hull's DELETE /settings, which stages removals in a transaction.
/// </summary>
internal static class SettingsEndpoints
{
    public static void Map(WebApplication app, SettingsService settings, TimeProvider time)
    {
        app.MapGet("/settings", async (HttpRequest request, CancellationToken ct) =>
            Respond(await settings.GetAsync(KeysOf(request), request.Query["prefix"], request.Query["tx"].FirstOrDefault(), ct).ConfigureAwait(false)));

        app.MapMethods("/settings", ["PATCH"], async (HttpRequest request, CancellationToken ct) =>
        {
            var (patch, problem) = await ReadObjectAsync(request, ct).ConfigureAwait(false);
            if (patch is null)
            {
                return Error(400, $"the body is not a JSON object of settings{problem}");
            }

            var outcome = await settings.PatchAsync(patch, Transaction(request), ct).ConfigureAwait(false);
            return outcome.Succeeded ? Results.NoContent() : Refused(outcome.Errors);
        });

        // Hull's own: stage the removal of keys=a,b (or prefix=p), each with everything under it, in ?tx=; a commit
        // applies it like a PATCH. 204, or 404 naming a key with nothing to remove.
        app.MapDelete("/settings", async (HttpRequest request, CancellationToken ct) =>
        {
            var keys = KeysOf(request) ?? [];
            if (request.Query["prefix"].FirstOrDefault() is { Length: > 0 } prefix)
            {
                keys.Add(prefix);
            }

            if (keys.Count == 0)
            {
                return Error(400, "missing required query parameter: keys (or prefix), the settings to remove");
            }

            var outcome = await settings.RemoveAsync(keys, Transaction(request), ct).ConfigureAwait(false);
            return outcome.Succeeded ? Results.NoContent() : Refused(outcome);
        });

        // apiclient set KEY=VALUE: {"request_payload": ["motd=hi", ...]}, typed and validated like PATCH /settings.
        app.MapMethods("/settings/keypair", ["PATCH"], async (HttpRequest request, CancellationToken ct) =>
        {
            var (body, problem) = await ReadObjectAsync(request, ct).ConfigureAwait(false);
            if (body?[SettingsKeyPairs.Payload] is not JsonArray items || items.Any(i => i?.GetValueKind() != JsonValueKind.String))
            {
                return Error(400, $"the body is not {{\"{SettingsKeyPairs.Payload}\": [\"KEY=VALUE\", ...]}}{problem}");
            }

            var (patch, errors) = SettingsKeyPairs.Parse([.. items.Select(i => i!.GetValue<string>())]);
            if (patch is null)
            {
                return Refused(errors);
            }

            var outcome = await settings.PatchAsync(patch, Transaction(request), ct).ConfigureAwait(false);
            return outcome.Succeeded ? Results.NoContent() : Refused(outcome.Errors);
        });

        app.MapGet("/tx", async (HttpRequest request, CancellationToken ct) =>
        {
            var pending = await settings.PendingAsync(Transaction(request), ct).ConfigureAwait(false);
            return Respond(pending);
        });
        app.MapDelete("/tx", async (HttpRequest request, CancellationToken ct) => Respond(await settings.DeleteAsync(Transaction(request), ct).ConfigureAwait(false)));
        app.MapGet("/tx/list", async (CancellationToken ct) => Results.Json((await settings.ListAsync(ct).ConfigureAwait(false)).ToList(), ApiJsonContext.Default.ListString));
        app.MapPost("/tx/commit", async (HttpRequest request, CancellationToken ct) => Respond(await settings.CommitAsync(Transaction(request), ct).ConfigureAwait(false)));
        app.MapPost("/tx/apply", async (HttpRequest request, CancellationToken ct) =>
        {
            var failures = await settings.ApplyAsync(KeysOf(request), ct).ConfigureAwait(false);
            return failures.Count == 0 ? Results.NoContent() : Error(500, "some settings could not be applied", [.. failures.Select(f => f.ToString())]);
        });
        app.MapPost("/tx/commit_and_apply", async (HttpRequest request, CancellationToken ct) =>
        {
            var (window, problem) = ConfirmationEndpoints.ParseWindow(request);
            if (problem is not null)
            {
                return Error(400, problem);
            }

            var outcome = await settings.CommitAndApplyAsync(Transaction(request), window, ct).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                return Refused(outcome);
            }

            var (changed, confirmation, failures) = outcome.Value!;
            if (failures.Count > 0)
            {
                return Error(500, "committed, but some settings could not be applied", [.. failures.Select(f => f.ToString())]);
            }

            // Bottlerocket's answer is the changed keys; with confirm-within, also what awaits confirmation.
            return window is null
                ? Results.Json(changed.ToList(), ApiJsonContext.Default.ListString)
                : Results.Json(new CommitReply([.. changed], confirmation is null ? null : ConfirmationEndpoints.View(confirmation, time)), ApiJsonContext.Default.CommitReply);
        });
    }

    /// <summary>Hull's additions around the settings: a dry run, and the metadata that ties settings to files and services.</summary>
    public static void MapMetadata(WebApplication app, SettingsService settings)
    {
        app.MapPost("/tx/dry-run", async (HttpRequest request, CancellationToken ct) =>
        {
            var outcome = await settings.DryRunAsync(Transaction(request), ct).ConfigureAwait(false);
            return outcome.Succeeded ? Results.Json(outcome.Value!, ApiJsonContext.Default.DryRunResult) : Refused(outcome.Errors);
        });
        app.MapGet("/configuration-files", async (CancellationToken ct) => Results.Json(
            (await settings.ConfigurationFilesAsync(ct).ConfigureAwait(false)).Select(f => new ConfigurationFileInfo(f.Name, f.Path, f.Prefixes, f.Services)).ToList(),
            ApiJsonContext.Default.ListConfigurationFileInfo));
        app.MapGet("/metadata/affected-services", async (HttpRequest request, CancellationToken ct) =>
        {
            if (KeysOf(request) is not { } keys)
            {
                return Error(400, "missing required query parameter: keys");
            }

            // What a change of each key restarts when it changes a file's content (the apply and the dry run restart
            // the services of the files whose content really changes, by the same order).
            var files = await settings.ConfigurationFilesAsync(ct).ConfigureAwait(false);
            var affected = keys.ToDictionary(
                k => k,
                k => ServiceRestarts.Order(files.Where(f => f.IsAffectedBy(k.StartsWith("settings", StringComparison.Ordinal) ? k : "settings." + k)).SelectMany(f => f.Services)).ToList(),
                StringComparer.Ordinal);
            return Results.Json(affected, ApiJsonContext.Default.DictionaryStringListString);
        });

        // Bottlerocket: the template each key's value is rendered from. Hull renders no setting from a
        // template; a key's value starts as the variant's default, so that is what this answers (by full key,
        // for the keys named and the keys under them). Keys without a default are left out.
        app.MapGet("/metadata/templates", (HttpRequest request) => KeysOf(request) is { } keys
            ? Results.Json(settings.DefaultsOf(keys), ApiJsonContext.Default.JsonObject)
            : Error(400, "missing required query parameter: keys"));
        app.MapGet("/metadata/setting-generators", () => Results.Json(
            new Dictionary<string, string>(SettingGenerators.Descriptions, StringComparer.Ordinal), ApiJsonContext.Default.DictionaryStringString));
    }

    // The body as a JSON object, or null and why not (": ..." to append to the caller's message).
    private static async Task<(JsonObject? Body, string Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await JsonSerializer.DeserializeAsync(request.Body, ApiJsonContext.Default.JsonObject, cancellationToken).ConfigureAwait(false), "");
        }
        catch (JsonException e)
        {
            return (null, $": {e.Message}");
        }
    }

    private static string Transaction(HttpRequest request) => request.Query["tx"].FirstOrDefault() is { Length: > 0 } tx ? tx : TransactionName.Default;

    // keys=a,b (form style, not exploded), as Bottlerocket's API takes them.
    private static List<string>? KeysOf(HttpRequest request) =>
        request.Query["keys"].FirstOrDefault() is { Length: > 0 } keys ? [.. keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null;

    private static IResult Respond(SettingsOutcome<JsonObject> outcome) =>
        outcome.Succeeded ? Results.Json(outcome.Value!, ApiJsonContext.Default.JsonObject) : Refused(outcome);

    private static IResult Respond(SettingsOutcome<IReadOnlyList<string>> outcome) =>
        outcome.Succeeded ? Results.Json(outcome.Value!.ToList(), ApiJsonContext.Default.ListString) : Refused(outcome);

    /// <summary>A refused settings request: its status from its kind (the one place they are mapped), every error listed.</summary>
    internal static IResult Refused<T>(SettingsOutcome<T> outcome) => Refused(outcome.Errors, outcome.Failure switch
    {
        SettingsFailure.Invalid => 400,
        SettingsFailure.Conflict => 409,
        SettingsFailure.NotFound => 404,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Failure, "unmapped settings failure"),
    });

    private static IResult Refused(IReadOnlyList<string> errors, int status = 400) =>
        Error(status, errors.Count == 1 ? errors[0] : $"{errors.Count} problems: {string.Join("; ", errors)}", errors);

    private static IResult Error(int status, string message, IReadOnlyList<string>? details = null) =>
        Results.Json(new ApiError(message, details), ApiJsonContext.Default.ApiError, statusCode: status);
}
