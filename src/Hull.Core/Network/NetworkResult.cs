using System.Diagnostics.CodeAnalysis;

namespace Hull.Network;

/// <summary>Either a lease or the reason there is none.</summary>
internal readonly record struct NetworkResult
{
    private NetworkResult(DhcpLease? lease, NetworkError? error)
    {
        Lease = lease;
        Error = error;
    }

    /// <summary>The lease, when it worked.</summary>
    public DhcpLease? Lease { get; }

    /// <summary>The failure, when it did not.</summary>
    public NetworkError? Error { get; }

    /// <summary>True when <see cref="Lease"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Lease))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Lease is not null;

    /// <summary>A success.</summary>
    public static NetworkResult Success(DhcpLease lease) => new(lease, null);

    /// <summary>A failure.</summary>
    public static NetworkResult Failure(NetworkErrorKind kind, string interfaceName, string detail) =>
        new(null, new NetworkError(kind, interfaceName, detail));
}
