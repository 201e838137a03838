namespace Hull.Settings;

/// <summary>The rule for the names of a map's entries (sysctls, host containers, modules…).</summary>
/// <param name="Noun">What a name names, for the message: "sysctl name".</param>
/// <param name="IsValid">The test.</param>
/// <param name="Rule">The rule in words, for the message.</param>
internal sealed record NameRule(string Noun, Func<string, bool> IsValid, string Rule);
