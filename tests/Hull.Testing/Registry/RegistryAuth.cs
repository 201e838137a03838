namespace Hull.Testing.Registry;

/// <summary>How a <see cref="TestRegistry"/> lets clients in.</summary>
public enum RegistryAuth
{
    /// <summary>Anyone may pull and push.</summary>
    None,

    /// <summary>HTTP basic auth against an htpasswd file (bcrypt) with one user made for the test.</summary>
    Basic,

    /// <summary>Bearer tokens (the distribution token spec): a token server in the test process checks the user and signs JWTs (ES256, x5c).</summary>
    Token,
}
