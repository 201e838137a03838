namespace Hull.UserData;

/// <summary>User data: the same TOML shape as the settings API (<c>[settings.…]</c>), as Bottlerocket reads it.</summary>
internal sealed class UserDataDocument
{
    public SettingsSection? Settings { get; set; }
}

/// <summary>The <c>[settings]</c> table. Only the keys this build understands are modelled; the settings issue adds the rest.</summary>
internal sealed class SettingsSection
{
    public string? Motd { get; set; }

    public ApiSettings? Api { get; set; }
}

/// <summary><c>[settings.api]</c>: the remote listener.</summary>
internal sealed class ApiSettings
{
    public RemoteApiSettings? Remote { get; set; }
}

/// <summary><c>[settings.api.remote]</c>: HTTPS with mutual TLS on TCP. PEM text in each field.</summary>
internal sealed class RemoteApiSettings
{
    public bool Enabled { get; set; } = true;

    public int Port { get; set; } = 443;

    public string? ServerCertificate { get; set; }

    public string? ServerKey { get; set; }

    public string? ClientCa { get; set; }
}
