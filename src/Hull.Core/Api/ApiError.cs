namespace Hull.Api;

/// <summary>The body of every error the API returns.</summary>
internal sealed record ApiError(string Error);
