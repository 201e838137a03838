using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>Building blocks for leaf rules: the JSON type first (a wrong type is <see cref="SettingsErrorKind.WrongType"/>), then the value.</summary>
internal static partial class Rules
{
    /// <summary>true or false.</summary>
    public static ValueRule Bool { get; } = (value, problems) =>
    {
        if (value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add(WrongType("a boolean", value));
        }
    };

    /// <summary>A string for which <paramref name="check"/> returns null; otherwise its answer is the problem.</summary>
    public static ValueRule String(Func<string, string?> check) => (value, problems) =>
    {
        if (AsString(value) is not { } s)
        {
            problems.Add(WrongType("a string", value));
        }
        else if (check(s) is { } detail)
        {
            problems.Add(new SettingsProblem(SettingsErrorKind.InvalidValue, detail));
        }
    };

    /// <summary>A string that passes <paramref name="test"/>; the message says <c>"value" is not {rule}</c>.</summary>
    public static ValueRule String(Func<string, bool> test, string rule) => String(Must(test, rule));

    /// <summary>A string check that says <c>"value" is not {rule}</c> when <paramref name="test"/> fails.</summary>
    public static Func<string, string?> Must(Func<string, bool> test, string rule) =>
        s => test(s) ? null : $"{SettingsJson.Show(s)} is not {rule}";

    /// <summary>A string of at most <paramref name="max"/> characters.</summary>
    public static ValueRule Text(int max) => String(s => s.Length <= max ? null : $"is {s.Length} characters long; the limit is {max}");

    /// <summary>A single-line string (no control characters) of at most <paramref name="max"/> characters.</summary>
    public static ValueRule Line(int max) => String(s =>
        SettingsFormats.HasControl(s) ? $"{SettingsJson.Show(s)} is not a single line of text (no newlines or control characters)"
        : s.Length > max ? $"is {s.Length} characters long; the limit is {max}"
        : null);

    /// <summary>One of a fixed set of strings.</summary>
    public static ValueRule OneOf(params string[] allowed) =>
        String(s => allowed.Contains(s, StringComparer.Ordinal) ? null : $"{SettingsJson.Show(s)} is not one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}");

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static ValueRule Integer(long min, long max) => (value, problems) =>
    {
        if (AsInteger(value) is not { } n)
        {
            problems.Add(WrongType("an integer", value));
        }
        else if (n < min || n > max)
        {
            problems.Add(new SettingsProblem(SettingsErrorKind.InvalidValue, string.Create(CultureInfo.InvariantCulture, $"{n} is out of range ({min} to {max})")));
        }
    };

    /// <summary>A resource limit: a whole number of 0 or more, or the string "unlimited".</summary>
    public static ValueRule Limit { get; } = (value, problems) =>
    {
        if (AsInteger(value) is { } n)
        {
            if (n < 0)
            {
                problems.Add(new SettingsProblem(SettingsErrorKind.InvalidValue, string.Create(CultureInfo.InvariantCulture, $"{n} is not a limit (an integer of 0 or more, or \"unlimited\")")));
            }
        }
        else if (AsString(value) is { } s)
        {
            if (s != "unlimited")
            {
                problems.Add(new SettingsProblem(SettingsErrorKind.InvalidValue, $"{SettingsJson.Show(s)} is not a limit (an integer of 0 or more, or \"unlimited\")"));
            }
        }
        else
        {
            problems.Add(WrongType("an integer or \"unlimited\"", value));
        }
    };

    /// <summary>The problem "expected {expected}, got {what value is}".</summary>
    public static SettingsProblem WrongType(string expected, JsonNode? value) =>
        new(SettingsErrorKind.WrongType, $"expected {expected}, got {SettingsJson.Describe(value)}");

    private static string? AsString(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static long? AsInteger(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : null;
}
