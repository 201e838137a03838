using System.Globalization;
using System.Text.Json.Nodes;
using Tomlyn.Parsing;

namespace Hull.Settings;

/// <summary>
/// Turns checked TOML into a JSON tree through Tomlyn's event parser (no reflection), and remembers the line
/// of each dotted key so that validation errors can point into the file. The event stream reopens a table
/// each time the file does ([a.b] after [a.c]), so tables and arrays of tables are merged by name.
/// </summary>
internal sealed class TomlJsonReader
{
    private readonly Stack<(JsonNode Container, string Key)> _open = new();
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private readonly List<SettingsError> _errors = [];
    private string? _pendingName;

    private TomlJsonReader()
    {
    }

    /// <summary>The document as JSON, each dotted key's first line, and values JSON cannot hold (date-times, NaN).</summary>
    public static (JsonObject Root, IReadOnlyDictionary<string, int> Lines, IReadOnlyList<SettingsError> Errors) Read(string toml, string sourceName)
    {
        var reader = new TomlJsonReader();
        var parser = TomlParser.Create(toml, new TomlParserOptions { Mode = TomlParserMode.Strict, DecodeScalars = true });
        var root = new JsonObject();
        while (parser.MoveNext())
        {
            reader.Handle(parser.Current, root, sourceName);
        }

        return (root, reader._lines, reader._errors);
    }

    private void Handle(TomlParseEvent e, JsonObject root, string sourceName)
    {
        switch (e.Kind)
        {
            case TomlParseEventKind.StartTable when _open.Count == 0:
                // The document's own table comes first; everything else is opened inside it.
                _open.Push((root, ""));
                break;
            case TomlParseEventKind.PropertyName:
                _pendingName = e.PropertyName!;
                _lines.TryAdd(SettingsKey.Child(_open.Peek().Key, _pendingName), e.Line);
                break;
            case TomlParseEventKind.StartTable:
                Open(() => new JsonObject());
                break;
            case TomlParseEventKind.StartArray:
                Open(() => new JsonArray());
                break;
            case TomlParseEventKind.EndTable or TomlParseEventKind.EndArray:
                _open.Pop();
                break;
            case TomlParseEventKind.String:
                Add(JsonValue.Create(e.StringValue!));
                break;
            case TomlParseEventKind.Integer:
                Add(JsonValue.Create(e.GetInt64()));
                break;
            case TomlParseEventKind.Boolean:
                Add(JsonValue.Create(e.GetBoolean()));
                break;
            case TomlParseEventKind.Float when double.IsFinite(e.GetDouble()):
                Add(JsonValue.Create(e.GetDouble()));
                break;
            case TomlParseEventKind.Float or TomlParseEventKind.DateTime:
                // No setting takes these, and JSON cannot hold inf, nan or a TOML date-time: refuse them here, with the line.
                var key = CurrentKey();
                _errors.Add(new(SettingsErrorKind.WrongType, key, string.Create(CultureInfo.InvariantCulture,
                    $"{sourceName}:{e.Line}: {key}: a TOML {(e.Kind == TomlParseEventKind.Float ? "inf or nan" : "date-time")} is not a value any setting takes")));
                Add(JsonValue.Create(e.Kind == TomlParseEventKind.Float ? "nan" : e.StringValue ?? ""));
                break;
            default:
                break;
        }
    }

    // Reuse what is already there under the same name: TOML reopens tables, and [[a]] after [b] continues array a.
    private void Open(Func<JsonNode> create)
    {
        var (container, key) = _open.Peek();
        JsonNode node;
        if (container is JsonObject obj)
        {
            var name = TakeName();
            var childKey = SettingsKey.Child(key, name);
            var fresh = create();
            if (!obj.TryGetPropertyValue(name, out var existing) || existing is null || existing.GetType() != fresh.GetType())
            {
                obj[name] = fresh;
                existing = fresh;
            }

            node = existing;
            _open.Push((node, childKey));
        }
        else
        {
            node = create();
            ((JsonArray)container).Add(node);
            _open.Push((node, key));
        }
    }

    private void Add(JsonNode value)
    {
        var (container, _) = _open.Peek();
        if (container is JsonObject obj)
        {
            obj[TakeName()] = value;
        }
        else
        {
            ((JsonArray)container).Add(value);
        }
    }

    private string CurrentKey()
    {
        var (container, key) = _open.Peek();
        return container is JsonObject && _pendingName is not null ? SettingsKey.Child(key, _pendingName) : key;
    }

    private string TakeName()
    {
        var name = _pendingName ?? throw new InvalidOperationException("TOML event stream: a value without a property name");
        _pendingName = null;
        return name;
    }
}
