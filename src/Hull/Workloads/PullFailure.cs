namespace Hull.Workloads;

/// <summary>What a workload's message says when its image cannot be pulled.</summary>
internal static class PullFailure
{
    // Go's wording (crypto/x509) when no CA in the trust store signed the registry's certificate.
    private const string UnknownAuthority = "x509: certificate signed by unknown authority";

    /// <summary>containerd's reason, and the remedy when the registry's certificate is signed by a CA the host does not trust.</summary>
    public static string Message(string image, string reason) =>
        reason.Contains(UnknownAuthority, StringComparison.Ordinal)
            ? $"cannot pull {image}: the registry's TLS certificate is not signed by a CA the host trusts (add that CA to settings.pki with trusted = true): {reason}"
            : $"cannot pull {image}: {reason}";
}
