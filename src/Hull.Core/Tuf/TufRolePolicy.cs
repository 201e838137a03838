namespace Hull.Tuf;

/// <summary>Who may sign for a role: its public keys and how many distinct ones must sign.</summary>
/// <param name="Keys">The role's public keys (from <see cref="TufSigner.Key"/>, or read from a public PEM).</param>
/// <param name="Threshold">At least 1 and at most the number of keys.</param>
public sealed record TufRolePolicy(IReadOnlyList<TufKey> Keys, int Threshold);
