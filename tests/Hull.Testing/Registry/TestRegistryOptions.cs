namespace Hull.Testing.Registry;

/// <summary>How a <see cref="TestRegistry"/> is started.</summary>
public sealed record TestRegistryOptions
{
    /// <summary>How clients are let in.</summary>
    public RegistryAuth Auth { get; init; } = RegistryAuth.None;

    /// <summary>HTTPS with a CA made for this registry (<see cref="TestRegistry.Tls"/>), for the registry and its token server; plain HTTP otherwise.</summary>
    public bool Tls { get; init; }

    /// <summary>With token auth, the host in the realm the registry advertises: a QEMU guest needs "10.0.2.100" (guestfwd) or "10.0.2.2".</summary>
    public string TokenRealmHost { get; init; } = "127.0.0.1";

    /// <summary>With token auth, the port in the realm; by default the token server's own port on 127.0.0.1 (a guestfwd may map another).</summary>
    public int? TokenRealmPort { get; init; }
}
