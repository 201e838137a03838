namespace Hull.Api;

/// <summary>GET /user-data: what became of the user data on first boot.</summary>
internal sealed record UserDataStatus(string Source, bool Applied, IReadOnlyList<string> Errors, IReadOnlyList<string> IgnoredKeys);
