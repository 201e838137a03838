using System.Text.Json.Nodes;

namespace Hull.Api;

/// <summary>One key of a commit awaiting confirmation: its value before (null: it did not exist, and a revert removes it) and after (null: the commit removed it, and a revert puts it back).</summary>
internal sealed record ConfirmationChangeView(string Key, JsonNode? Before, JsonNode? After);
