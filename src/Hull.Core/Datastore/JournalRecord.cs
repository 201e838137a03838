using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hull.Datastore;

/// <summary>
/// One <see cref="DatastoreChange"/> as the journal holds it, compact JSON with only the parts it touches:
/// <c>{"live": {key: value}, "removed": [key], "pending": {tx: {key: value}}, "pending-removals": {tx: [key]},
/// "dropped": [tx], "metadata": [[key, name, value]], "confirmation": {...} or null}</c>. A transaction in
/// "pending" is set whole: its removals are those in "pending-removals", none when it is not there (so records
/// written before removals existed read as they always did).
/// </summary>
internal static class JournalRecord
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The record's bytes.</summary>
    public static byte[] Write(DatastoreChange change)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStartObject();
            if (change.LiveSet.Count > 0)
            {
                writer.WriteStartObject("live");
                WriteValues(writer, change.LiveSet);
                writer.WriteEndObject();
            }

            WriteNames(writer, "removed", change.LiveRemoved);
            if (change.PendingSet.Count > 0)
            {
                writer.WriteStartObject("pending");
                foreach (var (transaction, pending) in change.PendingSet)
                {
                    writer.WriteStartObject(transaction);
                    WriteValues(writer, pending.Values);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            if (change.PendingSet.Any(p => p.Value.Removals.Count > 0))
            {
                writer.WriteStartObject("pending-removals");
                foreach (var (transaction, pending) in change.PendingSet.Where(p => p.Value.Removals.Count > 0))
                {
                    WriteNames(writer, transaction, pending.Removals);
                }

                writer.WriteEndObject();
            }

            WriteNames(writer, "dropped", change.PendingRemoved);
            if (change.Metadata.Count > 0)
            {
                writer.WriteStartArray("metadata");
                foreach (var (key, name, value) in change.Metadata)
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(key);
                    writer.WriteStringValue(name);
                    writer.WriteRawValue(value, skipInputValidation: true);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            }

            if (change.ConfirmationChanged)
            {
                writer.WritePropertyName("confirmation");
                if (change.Confirmation is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    ConfirmationJson.Write(writer, change.Confirmation);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a record; one that is not what <see cref="Write"/> writes throws <see cref="DatastoreException"/> naming <paramref name="where"/>.</summary>
    public static DatastoreChange Read(byte[] payload, string where)
    {
        using var document = DatastoreJson.ParseObject(payload, where);
        var change = new DatastoreChange();
        var removals = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var part in document.RootElement.EnumerateObject())
        {
            switch (part.Name)
            {
                case "live":
                    ReadValues(part.Value, change.LiveSet, where);
                    break;
                case "removed":
                    ReadNames(part.Value, change.LiveRemoved, where);
                    break;
                case "pending":
                    foreach (var transaction in Objects(part.Value, where))
                    {
                        var values = SettingsMap.Create();
                        ReadValues(transaction.Value, values, where);
                        change.PendingSet[Transaction(transaction.Name, where)] = new PendingTransaction(values, PendingTransaction.NewRemovals());
                    }

                    break;
                case "pending-removals":
                    foreach (var transaction in Objects(part.Value, where))
                    {
                        var keys = PendingTransaction.NewRemovals();
                        foreach (var key in Items(transaction.Value, where))
                        {
                            keys.Add(RemovalsFile.CanonicalKey(key, where));
                        }

                        removals[Transaction(transaction.Name, where)] = keys;
                    }

                    break;
                case "dropped":
                    ReadNames(part.Value, change.PendingRemoved, where);
                    break;
                case "metadata":
                    foreach (var entry in part.Value.EnumerateArray())
                    {
                        if (entry.GetArrayLength() != 3)
                        {
                            throw DatastoreJson.Corrupt(where, "a metadata entry is not [key, name, value]");
                        }

                        change.Metadata.Add((entry[0].GetString()!, entry[1].GetString()!, DatastoreValue.Write(entry[2])));
                    }

                    break;
                case "confirmation":
                    change.SetConfirmation(part.Value.ValueKind == JsonValueKind.Null ? null : ConfirmationJson.Read(part.Value, where));
                    break;
                default:
                    throw DatastoreJson.Corrupt(where, $"unknown part '{part.Name}'");
            }
        }

        foreach (var (transaction, keys) in removals)
        {
            if (!change.PendingSet.TryGetValue(transaction, out var pending))
            {
                throw DatastoreJson.Corrupt(where, $"removals for transaction '{transaction}', which the record does not set");
            }

            change.PendingSet[transaction] = new PendingTransaction(pending.Values, keys);
        }

        return change;
    }

    private static void WriteValues(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (key, value) in values)
        {
            writer.WritePropertyName(key);
            writer.WriteRawValue(value, skipInputValidation: true);
        }
    }

    private static void WriteNames(Utf8JsonWriter writer, string property, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(property);
        foreach (var name in names)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }

    private static void ReadValues(JsonElement element, SortedDictionary<string, string> values, string where)
    {
        foreach (var property in Objects(element, where))
        {
            var key = DatastoreKey.Parse(property.Name);
            if (!key.Succeeded || key.Value.ToString() != property.Name || property.Value.ValueKind == JsonValueKind.Object)
            {
                throw DatastoreJson.Corrupt(where, $"'{property.Name}' is not a canonical key with a scalar or array value");
            }

            values[property.Name] = DatastoreValue.Write(property.Value);
        }
    }

    private static void ReadNames(JsonElement element, SortedSet<string> names, string where)
    {
        foreach (var name in Items(element, where))
        {
            names.Add(name.GetString() ?? throw DatastoreJson.Corrupt(where, "a name is not a string"));
        }
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw DatastoreJson.Corrupt(where, "a list of names is not an array");

    private static JsonElement.ObjectEnumerator Objects(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : throw DatastoreJson.Corrupt(where, "a part is not an object");

    private static string Transaction(string name, string where) =>
        TransactionName.IsValid(name) ? name : throw DatastoreJson.Corrupt(where, $"'{name}' is not a transaction name");
}
