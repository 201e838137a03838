namespace Hull.Core.Tests.Gpt;

/// <summary>What <c>sgdisk -i N</c> says about one partition.</summary>
internal sealed record SgdiskPartition(string Name, Guid TypeGuid, Guid UniqueGuid, long FirstLba, long LastLba, ulong Attributes);
