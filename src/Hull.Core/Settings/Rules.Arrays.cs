using System.Globalization;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>Rules for arrays: of strings, of [address, names] pairs, and of objects with known fields.</summary>
internal static partial class Rules
{
    /// <summary>An array whose every item follows <paramref name="item"/>; each problem names the item's position.</summary>
    public static ValueRule ArrayOf(ValueRule item, string expected = "an array") => (value, problems) =>
    {
        if (value is not JsonArray array)
        {
            problems.Add(WrongType(expected, value));
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var found = new List<SettingsProblem>();
            item(array[i], found);
            foreach (var p in found)
            {
                problems.Add(p with { Detail = string.Create(CultureInfo.InvariantCulture, $"item {i}: {p.Detail}") });
            }
        }
    };

    /// <summary>An array of strings that each pass <paramref name="test"/>.</summary>
    public static ValueRule Strings(Func<string, bool> test, string rule) => ArrayOf(String(test, rule), "an array of strings");

    /// <summary>An array of strings that each pass <paramref name="check"/>.</summary>
    public static ValueRule Strings(Func<string, string?> check) => ArrayOf(String(check), "an array of strings");

    /// <summary>An array of [ip, [hostname, …]] pairs, the shape of /etc/hosts lines.</summary>
    public static ValueRule HostsEntries(ValueRule address, ValueRule names) => ArrayOf((value, problems) =>
    {
        if (value is not JsonArray { Count: 2 } pair)
        {
            problems.Add(WrongType("an [address, [hostnames]] pair", value));
            return;
        }

        address(pair[0], problems);
        names(pair[1], problems);
    }, "an array of [address, [hostnames]] pairs");

    /// <summary>An array of objects with the given fields; unknown fields and missing required ones are problems.</summary>
    public static ValueRule Objects(IReadOnlyDictionary<string, ObjectField> fields) => ArrayOf((value, problems) =>
    {
        if (value is not JsonObject obj)
        {
            problems.Add(WrongType("a table", value));
            return;
        }

        foreach (var (name, field) in fields)
        {
            if (field.Required && !obj.ContainsKey(name))
            {
                problems.Add(new SettingsProblem(SettingsErrorKind.InvalidValue, $"missing required field {SettingsKey.Quote(name)}"));
            }
        }

        foreach (var (name, fieldValue) in obj)
        {
            if (fields.TryGetValue(name, out var field))
            {
                var found = new List<SettingsProblem>();
                field.Rule(fieldValue, found);
                foreach (var p in found)
                {
                    problems.Add(p with { Detail = $"field {SettingsKey.Quote(name)}: {p.Detail}" });
                }
            }
            else
            {
                problems.Add(new SettingsProblem(SettingsErrorKind.UnknownKey,
                    $"unknown field {SettingsKey.Quote(name)} (known: {string.Join(", ", fields.Keys)})"));
            }
        }
    }, "an array of tables");
}
