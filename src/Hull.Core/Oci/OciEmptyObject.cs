namespace Hull.Oci;

/// <summary>Serialises as {}: the value type of the spec's sets (ExposedPorts, Volumes).</summary>
public sealed record OciEmptyObject;
