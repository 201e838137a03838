namespace Hull.Init;

/// <summary>What one source of user data gave: its bytes, or why they could not be read; <see cref="Origin"/> names the source for the console and GET /user-data.</summary>
internal sealed record PlatformUserData(string Origin, byte[]? Bytes, string? Error = null);
