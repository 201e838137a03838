namespace Hull.Api;

/// <summary>The body returned by POST /actions/*.</summary>
internal sealed record ActionResult(string Action, string Status);
