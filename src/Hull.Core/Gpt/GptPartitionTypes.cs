namespace Hull.Gpt;

/// <summary>
/// Partition type GUIDs Hull uses. Values from the UEFI spec (EFI System) and the
/// Discoverable Partitions Specification (https://uapi-group.org/specifications/specs/discoverable_partitions_specification/).
/// </summary>
internal static class GptPartitionTypes
{
    /// <summary>EFI System Partition (UEFI 2.10, table 5.7).</summary>
    public static readonly Guid EfiSystem = new("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");

    /// <summary>Generic Linux filesystem data.</summary>
    public static readonly Guid LinuxFilesystem = new("0FC63DAF-8483-4772-8E79-3D69D8477DE4");

    /// <summary>Linux root filesystem for x86-64 (systemd-gpt-auto-generator finds it by this type).</summary>
    public static readonly Guid LinuxRootX86_64 = new("4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709");

    /// <summary>dm-verity hash data for the x86-64 root partition.</summary>
    public static readonly Guid LinuxRootVerityX86_64 = new("2C7357ED-EBD2-46D9-AEC1-23D437EC2BF5");
}
