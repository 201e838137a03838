using System.Globalization;
using System.Text.Json;

namespace Hull.Datastore;

/// <summary>
/// A <see cref="PendingConfirmation"/> as JSON, in the journal and in <c>confirmation.json</c>: id, transaction,
/// committed_at and deadline (ISO 8601), window_seconds, changes (key; before, absent when the key did not
/// exist; after, absent when the commit removed it; values embedded as JSON), note.
/// </summary>
internal static class ConfirmationJson
{
    /// <summary>Writes <paramref name="confirmation"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, PendingConfirmation confirmation)
    {
        writer.WriteStartObject();
        writer.WriteString("id", confirmation.Id);
        writer.WriteString("transaction", confirmation.Transaction);
        writer.WriteString("committed_at", confirmation.CommittedAt.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("deadline", confirmation.Deadline.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteNumber("window_seconds", confirmation.Window.TotalSeconds);
        writer.WriteStartArray("changes");
        foreach (var change in confirmation.Changes)
        {
            writer.WriteStartObject();
            writer.WriteString("key", change.Key);
            if (change.Before is not null)
            {
                writer.WritePropertyName("before");
                writer.WriteRawValue(change.Before, skipInputValidation: true);
            }

            if (change.After is not null)
            {
                writer.WritePropertyName("after");
                writer.WriteRawValue(change.After, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (confirmation.Note is not null)
        {
            writer.WriteString("note", confirmation.Note);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Write"/> wrote; anything else throws <see cref="DatastoreException"/> naming <paramref name="path"/>.</summary>
    public static PendingConfirmation Read(JsonElement element, string path)
    {
        try
        {
            var changes = new List<ConfirmationChange>();
            foreach (var change in element.GetProperty("changes").EnumerateArray())
            {
                changes.Add(new ConfirmationChange(
                    change.GetProperty("key").GetString()!,
                    change.TryGetProperty("before", out var before) ? DatastoreValue.Write(before) : null,
                    change.TryGetProperty("after", out var after) ? DatastoreValue.Write(after) : null));
            }

            return new PendingConfirmation(
                element.GetProperty("id").GetString()!,
                element.GetProperty("transaction").GetString()!,
                DateTimeOffset.Parse(element.GetProperty("committed_at").GetString()!, CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(element.GetProperty("deadline").GetString()!, CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(element.GetProperty("window_seconds").GetDouble()),
                changes,
                element.TryGetProperty("note", out var note) ? note.GetString() : null);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw DatastoreJson.Corrupt(path, $"not a confirmation record ({e.Message})");
        }
    }
}
