namespace Hull.Api;

/// <summary>GET /os: what is running. Field names follow Bottlerocket's /os; slot and Secure Boot are Hull's additions.</summary>
internal sealed record OsInfo(
    string PrettyName,
    string VersionId,
    string VariantId,
    string Arch,
    string BuildId,
    string ActiveSlot,
    string SecureBoot,
    string KernelRelease,
    string MachineId);
