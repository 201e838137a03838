using System.Text.Json;
using Hull.Builder.Tools;
using Hull.Updates;

namespace Hull.Builder.Repo;

/// <summary>
/// Reads `--migrations FILE.json`: a JSON array of migrations as the manifest lists them
/// (<c>[{"name": ..., "forward": [{"op": "rename", "key": ..., "to": ...}], "backward": [...]}]</c>).
/// </summary>
internal static class MigrationsFile
{
    /// <summary>The migrations in <paramref name="path"/>, each step checked; errors name the file and the step.</summary>
    public static IReadOnlyList<SettingsMigration> Read(string path)
    {
        List<SettingsMigration> migrations;
        try
        {
            migrations = JsonSerializer.Deserialize(File.ReadAllBytes(path), RepoJsonContext.Default.ListSettingsMigration)
                ?? throw new JsonException("the file is JSON null");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"{path}: not a list of settings migrations: {e.Message}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var migration in migrations)
        {
            if (string.IsNullOrWhiteSpace(migration.Name) || !names.Add(migration.Name))
            {
                throw new ToolException($"{path}: migration name '{migration.Name}' is empty or used twice");
            }

            foreach (var (direction, steps) in (ReadOnlySpan<(string, IReadOnlyList<MigrationStep>)>)[("forward", migration.Forward), ("backward", migration.Backward)])
            {
                for (var i = 0; i < steps.Count; i++)
                {
                    if (Problem(steps[i]) is { } problem)
                    {
                        throw new ToolException($"{path}: migration '{migration.Name}' {direction}[{i}]: {problem}");
                    }
                }
            }
        }

        return migrations;
    }

    private static string? Problem(MigrationStep step)
    {
        if (!step.Key.StartsWith("settings.", StringComparison.Ordinal) || step.Key.Length == "settings.".Length)
        {
            return $"key '{step.Key}' is not a full settings key (settings.NAME...)";
        }

        switch (step.Op)
        {
            case "rename":
                return step.To is { } to && to.StartsWith("settings.", StringComparison.Ordinal) && to != step.Key
                    ? null
                    : $"rename needs \"to\", another full settings key (got '{step.To}')";
            case "remove":
                return step.To is null && step.Value is null ? null : "remove takes only \"key\"";
            case "set":
                if (step.Value is null)
                {
                    return "set needs \"value\", a JSON value written as a string";
                }

                try
                {
                    using var parsed = JsonDocument.Parse(step.Value);
                    return null;
                }
                catch (JsonException e)
                {
                    return $"value '{step.Value}' is not JSON: {e.Message}";
                }

            default:
                return $"op '{step.Op}' is not rename, remove or set";
        }
    }
}
