namespace Hull.Updates;

/// <summary>The steps of prepare, in the order they run; each is durable before the next begins.</summary>
internal enum PrepareStep
{
    /// <summary>1. Delete every boot entry of the slot, so a half-written root is never booted.</summary>
    DeleteEntries,

    /// <summary>2. Stream the root payload onto the partition.</summary>
    WriteRoot,

    /// <summary>3. Read the partition back and compare SHA-256 with the manifest.</summary>
    VerifyRoot,

    /// <summary>4. Write the slot's UKI as <c>hull-V-S.efi.staged</c>, and the release's settings migrations.</summary>
    StageUki,

    /// <summary>5. Record the slot as ready.</summary>
    Ready,
}
