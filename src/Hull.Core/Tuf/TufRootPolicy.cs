namespace Hull.Tuf;

/// <summary>The keys and thresholds of the four top-level roles: the content of a root.json version.</summary>
/// <param name="Root">Signs root.json; a new root needs a threshold of the old root keys and of the new ones.</param>
/// <param name="Targets">Signs targets.json (offline keys: the release signers).</param>
/// <param name="Snapshot">Signs snapshot.json.</param>
/// <param name="Timestamp">Signs timestamp.json (an online key, re-signed often).</param>
/// <param name="ConsistentSnapshot">Publish metadata as VERSION.NAME and targets as HASH.NAME too, so readers never see a half-written repository.</param>
public sealed record TufRootPolicy(TufRolePolicy Root, TufRolePolicy Targets, TufRolePolicy Snapshot, TufRolePolicy Timestamp, bool ConsistentSnapshot = true);
