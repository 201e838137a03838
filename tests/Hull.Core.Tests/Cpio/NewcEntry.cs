namespace Hull.Core.Tests.Cpio;

/// <summary>An entry as the test-side reader parsed it, with where its header started.</summary>
internal sealed record NewcEntry(long HeaderOffset, string Name, uint Inode, uint Mode, uint LinkCount, uint ModifiedTime, uint RdevMajor, uint RdevMinor, byte[] Data);
