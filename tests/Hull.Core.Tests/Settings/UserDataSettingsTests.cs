using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Hull.Settings;

namespace Hull.Core.Tests.Settings;

public sealed class UserDataSettingsTests
{
    // One key or more from every family, in the shapes Bottlerocket's documentation uses.
    private static readonly string Full = $$"""
        [settings]
        motd = "Hello from user data"

        [settings.ntp]
        time-servers = ["169.254.169.123", "https://time.example", "pool.ntp.org"]
        options = ["minpoll", "1", "maxpoll", "2"]

        [settings.network]
        hostname = "node-1"
        hosts = [["10.0.0.10", ["db", "db.local"]], ["fd00::10", ["cache"]]]
        https-proxy = "http://proxy.example:3128"
        no-proxy = ["localhost", ".example.com", "10.0.0.0/8"]

        [settings.dns]
        name-servers = ["10.0.0.2", "fd00::2"]
        search-list = ["example.com"]

        [settings.kernel]
        lockdown = "integrity"

        [settings.kernel.sysctl]
        "net.ipv4.ip_forward" = "1"
        "vm.max_map_count" = "262144"

        [settings.kernel.modules.sctp]
        allowed = false

        [settings.boot]
        reboot-to-reconcile = true

        [settings.boot.kernel-parameters]
        "console" = ["tty0", "ttyS0,115200n8"]

        [[settings.container-registry.mirrors]]
        registry = "docker.io"
        endpoint = ["https://mirror.example", "https://mirror2.example"]

        [[settings.container-registry.credentials]]
        registry = "docker.io"
        username = "me"
        password = "secret"

        [settings.host-containers.admin]
        enabled = true
        superpowered = true
        source = "public.ecr.aws/bottlerocket/bottlerocket-admin:v0.11.0"
        user-data = "eyJzc2giOnsiYXV0aG9yaXplZC1rZXlzIjpbXX19"

        [settings.bootstrap-containers.setup]
        source = "ghcr.io/example/setup:1.0"
        mode = "once"
        essential = true

        [settings.updates]
        metadata-base-url = "https://updates.example/metadata/"
        targets-base-url = "https://updates.example/targets/"
        seed = 1234
        version-lock = "v1.2.3"
        ignore-waves = false

        [settings.pki.my-trusted-bundle]
        data = "{{SettingsSamples.CertificateBase64}}"
        trusted = true

        [settings.oci-defaults.capabilities]
        chown = true
        net-bind-service = false

        [settings.oci-defaults.resource-limits.max-open-files]
        soft-limit = 1024
        hard-limit = "unlimited"

        [settings.api.remote]
        enabled = true
        port = 8443
        server-certificate = '''
        {{SettingsSamples.Certificate}}'''
        server-key = '''
        {{SettingsSamples.PrivateKey}}'''
        client-ca = '''
        {{SettingsSamples.Certificate}}'''
        """;

    [Fact]
    public void Parse_FullBottlerocketStyleExample_IsValidWithEveryFamily()
    {
        var result = UserDataSettings.Parse(Full, "user-data.toml");

        result.Errors.ShouldBeEmpty();
        result.IsValid.ShouldBeTrue();
        result.IgnoredKeys.ShouldBeEmpty();
        result.Settings.Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe([
            "api", "boot", "bootstrap-containers", "container-registry", "dns", "host-containers", "kernel", "motd",
            "network", "ntp", "oci-defaults", "pki", "updates"]);
        var flat = SettingsTree.Flatten(result.Settings);
        flat["settings.kernel.sysctl.\"net.ipv4.ip_forward\""].ShouldBe("\"1\"");
        flat["settings.kernel.lockdown"].ShouldBe("\"integrity\"");
        flat["settings.updates.seed"].ShouldBe("1234");
        flat["settings.network.hosts"].ShouldBe("[[\"10.0.0.10\",[\"db\",\"db.local\"]],[\"fd00::10\",[\"cache\"]]]");
        flat["settings.container-registry.mirrors"].ShouldBe("[{\"registry\":\"docker.io\",\"endpoint\":[\"https://mirror.example\",\"https://mirror2.example\"]}]");
        flat["settings.api.remote.server-key"].ShouldBe(SettingsJson.Write(JsonValue.Create(SettingsSamples.PrivateKey)));
    }

    [Fact]
    public void Parse_Gzipped_GivesTheSameSettings()
    {
        var result = UserDataSettings.Parse(Gzip(Full), "user-data.gz");

        result.Errors.ShouldBeEmpty();
        JsonNode.DeepEquals(result.Settings, UserDataSettings.Parse(Full, "plain").Settings).ShouldBeTrue();
    }

    [Fact]
    public void Parse_PlainBytes_AreReadAsUtf8()
    {
        var result = UserDataSettings.Parse("[settings]\nmotd = \"héllo\"\n"u8, "user-data");

        result.Errors.ShouldBeEmpty();
        result.Settings["motd"]!.GetValue<string>().ShouldBe("héllo");
    }

    [Theory]
    [InlineData(6)]
    [InlineData(100)]
    [InlineData(-4)]
    public void Parse_TruncatedGzip_IsASyntaxError(int keep)
    {
        var gzip = Gzip(Full);
        var result = UserDataSettings.Parse(gzip.AsSpan(0, keep > 0 ? keep : gzip.Length + keep), "user-data.gz");

        result.Errors.ShouldHaveSingleItem().Kind.ShouldBe(SettingsErrorKind.Syntax);
        result.Errors[0].Message.ShouldStartWith("user-data.gz: not valid gzip");
    }

    [Fact]
    public void Parse_NotUtf8_IsASyntaxError()
    {
        var result = UserDataSettings.Parse(new byte[] { 0x5b, 0xff, 0xfe, 0x5d }, "user-data");

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("user-data: user data must be UTF-8 text (TOML)");
    }

    [Fact]
    public void Parse_SyntaxError_NamesSourceAndLine()
    {
        var result = UserDataSettings.Parse("[settings]\nmotd = \"hi\"\nhostname = \n", "user-data.toml");

        result.IsValid.ShouldBeFalse();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Kind.ShouldBe(SettingsErrorKind.Syntax);
        error.Message.ShouldStartWith("user-data.toml:3:");
        error.Message.ShouldContain("invalid TOML");
        result.Settings.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_KeyDefinedTwice_IsASyntaxErrorWithLine()
    {
        var result = UserDataSettings.Parse("[settings]\nmotd = \"a\"\n\nmotd = \"b\"\n", "ud");

        var error = result.Errors.ShouldHaveSingleItem();
        error.Kind.ShouldBe(SettingsErrorKind.Syntax);
        error.Message.ShouldStartWith("ud:4:");
        error.Message.ShouldContain("motd");
    }

    [Fact]
    public void Parse_UnknownKey_NamesSourceLineAndKey()
    {
        var toml = "[settings]\nmotd = \"hi\"\n\n[settings.ntp]\ntime-servers = [\"a.example\"]\nservers = [\"b\"]\n";

        var result = UserDataSettings.Parse(toml, "user-data.toml");

        var error = result.Errors.ShouldHaveSingleItem();
        error.Kind.ShouldBe(SettingsErrorKind.UnknownKey);
        error.Key.ShouldBe("settings.ntp.servers");
        error.Message.ShouldStartWith("user-data.toml:6: settings.ntp.servers: unknown setting");
    }

    [Fact]
    public void Parse_SeveralInvalidValues_ReportsEachWithItsLine()
    {
        var toml = """
            [settings.network]
            hostname = "my host"

            [settings.kernel.sysctl]
            "net..ipv4" = "1"

            [settings.updates]
            seed = 9999
            """;

        var result = UserDataSettings.Parse(toml, "ud");

        result.Errors.Select(e => e.Message).ShouldBe([
            "ud:5: settings.kernel.sysctl.\"net..ipv4\": \"net..ipv4\" is not a valid sysctl name (dot-separated segments of a-z, 0-9, '_' (and '-' after the first), at least two; no '/' or '..')",
            "ud:2: settings.network.hostname: \"my host\" is not a valid hostname (RFC 1123: letters, digits and '-', labels of 1-63 characters, 253 in all)",
            "ud:8: settings.updates.seed: 9999 is out of range (0 to 2047)",
        ]);
    }

    [Fact]
    public void Parse_InlineTablesAndDottedKeys_AreMerged()
    {
        var toml = """
            settings.motd = "hi"
            [settings.host-containers]
            admin = { enabled = true }
            [settings.host-containers.control]
            enabled = false
            [settings.kernel]
            sysctl."net.core.somaxconn" = "1024"
            """;

        var result = UserDataSettings.Parse(toml, "ud");

        result.Errors.ShouldBeEmpty();
        SettingsTree.Flatten(result.Settings).Keys.ShouldBe([
            "settings.host-containers.admin.enabled",
            "settings.host-containers.control.enabled",
            "settings.kernel.sysctl.\"net.core.somaxconn\"",
            "settings.motd",
        ]);
    }

    [Fact]
    public void Parse_OtherTopLevelTables_AreIgnoredAndListed()
    {
        var result = UserDataSettings.Parse("[settings]\nmotd = \"hi\"\n[other]\nx = 1\n[more]\n", "ud");

        result.Errors.ShouldBeEmpty();
        result.IgnoredKeys.ShouldBe(["more", "other"]);
        result.Settings.ToJsonString().ShouldBe("{\"motd\":\"hi\"}");
    }

    [Fact]
    public void Parse_NoSettingsTable_IsEmptyAndValid()
    {
        var result = UserDataSettings.Parse("# nothing\n", "ud");

        result.IsValid.ShouldBeTrue();
        result.Settings.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_SettingsNotATable_IsAWrongType()
    {
        var error = UserDataSettings.Parse("settings = 1\n", "ud").Errors.ShouldHaveSingleItem();

        error.Kind.ShouldBe(SettingsErrorKind.WrongType);
        error.Message.ShouldBe("ud:1: settings: expected a table, got a number");
    }

    [Fact]
    public void Parse_DateTimeValue_IsAWrongTypeWithLine()
    {
        var error = UserDataSettings.Parse("[settings]\n\nmotd = 1979-05-27T07:32:00Z\n", "ud").Errors.ShouldHaveSingleItem();

        error.Kind.ShouldBe(SettingsErrorKind.WrongType);
        error.Key.ShouldBe("settings.motd");
        error.Message.ShouldStartWith("ud:3: settings.motd: a TOML date-time");
    }

    [Fact]
    public void Parse_IntegerWhereStringBelongs_NamesTheExpectedType()
    {
        var error = UserDataSettings.Parse("[settings.kernel.sysctl]\n\"net.ipv4.ip_forward\" = 1\n", "ud").Errors.ShouldHaveSingleItem();

        error.Message.ShouldBe("ud:2: settings.kernel.sysctl.\"net.ipv4.ip_forward\": expected a string, got a number");
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
