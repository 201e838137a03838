namespace Hull.Tuf;

/// <summary>A JSON value has no canonical form (a float, a duplicate key, a broken string), or bytes are not canonical JSON.</summary>
public sealed class CanonicalJsonException(string message) : FormatException(message);
