using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// Checks a settings patch (the object inside <c>settings</c>, as PATCH /settings receives it) against
/// <see cref="SettingsSchema"/>. Every problem is reported, sorted by key, so one round trip fixes them all.
/// </summary>
internal static class SettingsValidator
{
    /// <summary>The dotted-key prefix every settings key starts with.</summary>
    public const string Prefix = "settings";

    /// <summary>Everything wrong with <paramref name="patch"/>, sorted by key; empty when it is valid.</summary>
    public static IReadOnlyList<SettingsError> Validate(JsonObject patch)
    {
        var errors = new List<SettingsError>();
        Walk(SettingsSchema.Root, patch, Prefix, errors);
        return [.. errors.OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal)];
    }

    private static void Walk(SchemaNode schema, JsonNode? value, string key, List<SettingsError> errors)
    {
        switch (schema)
        {
            case SchemaTable table:
                if (AsTable(value, key, errors) is { } obj)
                {
                    foreach (var (name, child) in obj)
                    {
                        var childKey = SettingsKey.Child(key, name);
                        if (table.Fields.TryGetValue(name, out var field))
                        {
                            Walk(field, child, childKey, errors);
                        }
                        else
                        {
                            errors.Add(new(SettingsErrorKind.UnknownKey, childKey,
                                $"{childKey}: unknown setting (known under {key}: {string.Join(", ", table.Fields.Keys.Order(StringComparer.Ordinal))})"));
                        }
                    }
                }

                break;

            case SchemaMap map:
                if (AsTable(value, key, errors) is { } entries)
                {
                    foreach (var (name, child) in entries)
                    {
                        var childKey = SettingsKey.Child(key, name);
                        if (map.Names.IsValid(name))
                        {
                            Walk(map.Entry, child, childKey, errors);
                        }
                        else
                        {
                            errors.Add(new(SettingsErrorKind.InvalidName, childKey,
                                $"{childKey}: {SettingsJson.Show(name)} is not a valid {map.Names.Noun} ({map.Names.Rule})"));
                        }
                    }
                }

                break;

            case SchemaLeaf leaf:
                var problems = new List<SettingsProblem>();
                leaf.Rule(value, problems);
                errors.AddRange(problems.Select(p => new SettingsError(p.Kind, key, $"{key}: {p.Detail}")));
                break;

            default:
                throw new InvalidOperationException($"unexpected schema node {schema.GetType().Name} at {key}");
        }
    }

    private static JsonObject? AsTable(JsonNode? value, string key, List<SettingsError> errors)
    {
        if (value is JsonObject obj)
        {
            return obj;
        }

        errors.Add(new(SettingsErrorKind.WrongType, key, $"{key}: expected a table, got {SettingsJson.Describe(value)}"));
        return null;
    }
}
