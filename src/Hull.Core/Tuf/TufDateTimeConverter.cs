using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hull.Tuf;

/// <summary>"expires" is exactly "YYYY-MM-DDTHH:MM:SSZ", UTC (spec "Date-time"); anything else is refused.</summary>
internal sealed class TufDateTimeConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a date-time of the form YYYY-MM-DDTHH:MM:SSZ");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Text(value));

    /// <summary>The spec's text for <paramref name="value"/>, truncated to whole seconds.</summary>
    public static string Text(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
