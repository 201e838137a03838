using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>Checks one leaf value and adds what is wrong to <paramref name="problems"/>; a rule reports every problem it finds, not only the first.</summary>
internal delegate void ValueRule(JsonNode? value, ICollection<SettingsProblem> problems);
