namespace Hull.Core.Tests.Gpt;

/// <summary>What <c>sgdisk -p</c> says about a disk.</summary>
internal sealed record SgdiskDisk(Guid DiskGuid, long FirstUsableLba, long LastUsableLba, IReadOnlyList<int> PartitionNumbers);
