namespace Hull.Testing.Registry;

public sealed partial class TestRegistry
{
    /// <summary>
    /// The registry's config.yml (distribution docs/configuration.md): everything in
    /// <paramref name="directory"/>, no health checks, deletes allowed, TLS when asked, and the auth section.
    /// </summary>
    private static string Config(string directory, int port, RegistryAuth auth, RegistryCredentials? credentials, RegistryTokenServer? tokens, RegistryTls? tls)
    {
        var tlsSection = tls is null ? "" : $"""

              tls:
                certificate: {tls.CertificatePath}
                key: {tls.KeyPath}
            """;
        var authSection = auth switch
        {
            RegistryAuth.None => "",
            RegistryAuth.Basic => $"""
                auth:
                  htpasswd:
                    realm: hull-test-registry
                    path: {WriteHtpasswd(directory, credentials!)}
                """,
            RegistryAuth.Token => $"""
                auth:
                  token:
                    realm: {tokens!.Realm}
                    service: {RegistryTokenServer.Service}
                    issuer: {RegistryTokenServer.Issuer}
                    rootcertbundle: {tokens.RootCertificatePath}
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(auth), auth, "unknown registry auth"),
        };
        return $"""
            version: 0.1
            log:
              level: info
              formatter: text
            storage:
              filesystem:
                rootdirectory: {directory}/storage
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
              # One instance: a fixed secret only silences the "generating a random secret" warning.
              secret: hull-test-{port}{tlsSection}
            {authSection}

            """;
    }

    /// <summary>The htpasswd file: distribution 2.8 reads bcrypt lines only, which apache2-utils' htpasswd -B writes.</summary>
    private static string WriteHtpasswd(string directory, RegistryCredentials credentials)
    {
        const string htpasswd = "/usr/bin/htpasswd";
        File.Exists(htpasswd).ShouldBeTrue($"{htpasswd} is missing: run ./hull setup (it installs apache2-utils)");
        var line = ExternalTool.RunChecked(htpasswd, "-Bbn", credentials.User, credentials.Password).Stdout.Trim();
        var path = Path.Combine(directory, "htpasswd");
        File.WriteAllText(path, line + "\n");
        return path;
    }
}
