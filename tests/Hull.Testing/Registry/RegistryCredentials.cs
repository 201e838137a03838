namespace Hull.Testing.Registry;

/// <summary>A user and password made for one test registry.</summary>
public sealed record RegistryCredentials(string User, string Password)
{
    /// <summary>"user:password", as skopeo's --creds takes it.</summary>
    public string ForSkopeo => $"{User}:{Password}";
}
