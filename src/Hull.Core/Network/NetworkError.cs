namespace Hull.Network;

/// <summary>An expected failure: what kind, on which interface, and the details that explain it.</summary>
internal readonly record struct NetworkError(NetworkErrorKind Kind, string InterfaceName, string Detail)
{
    /// <summary>One line for the console: "eth0: NoOffer: ...".</summary>
    public override string ToString() => $"{InterfaceName}: {Kind}: {Detail}";
}
