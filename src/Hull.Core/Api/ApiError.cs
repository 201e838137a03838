namespace Hull.Api;

/// <summary>The body of every error the API returns: one line, and each problem (key and rule) when there are several.</summary>
internal sealed record ApiError(string Error, IReadOnlyList<string>? Details = null);
