namespace Hull.Settings;

/// <summary>
/// Every key Hull knows under <c>settings</c>, with its type and rule, in Bottlerocket's shapes. Written as
/// code, not reflected from classes, so the NativeAOT binary carries no metadata for it. README.md lists the
/// same keys in words; keep the two together.
/// </summary>
internal static class SettingsSchema
{
    private const string HostnameRule = "a valid hostname (RFC 1123: letters, digits and '-', labels of 1-63 characters, 253 in all)";

    /// <summary>The table under <c>settings</c>.</summary>
    public static SchemaTable Root { get; } = Table(
        ("motd", Leaf(Rules.Text(4096))),
        ("ntp", Table(
            ("time-servers", Leaf(Rules.Strings(IsTimeServer, "a time server (a hostname, an IP address or an http(s)/ntp URL, without spaces)"))),
            ("options", Leaf(NtpOptions)))),
        ("network", Table(
            ("hostname", Leaf(Rules.String(SettingsFormats.IsHostname, HostnameRule))),
            ("hosts", Leaf(Rules.HostsEntries(
                Rules.String(SettingsFormats.IsIpAddress, "an IP address"),
                Rules.Strings(SettingsFormats.IsHostname, HostnameRule)))),
            ("http-proxy", Leaf(Proxy)),
            ("https-proxy", Leaf(Proxy)),
            ("no-proxy", Leaf(Rules.Strings(IsNoProxy, "a no-proxy entry (a hostname, a .domain or *.domain, an IP address, a CIDR, or *)"))))),
        ("dns", Table(
            ("name-servers", Leaf(Rules.Strings(SettingsFormats.IsIpAddress, "an IP address (dotted-quad IPv4 or IPv6)"))),
            ("search-list", Leaf(Rules.Strings(SettingsFormats.IsDomainName, "a domain name (RFC 1123 labels, an optional trailing '.')"))))),
        ("kernel", Table(
            ("sysctl", Map(SettingsNames.Sysctl, Leaf(Rules.Line(4096)))),
            ("lockdown", Leaf(Rules.OneOf("none", "integrity", "confidentiality"))),
            ("modules", Map(SettingsNames.Module, Table(("allowed", Leaf(Rules.Bool))))))),
        ("boot", Table(
            ("kernel-parameters", Map(SettingsNames.KernelParameter, Leaf(Rules.Strings(IsParameterValue, ParameterRule)))),
            ("init-parameters", Map(SettingsNames.KernelParameter, Leaf(Rules.Strings(IsParameterValue, ParameterRule)))),
            ("reboot-to-reconcile", Leaf(Rules.Bool)))),
        ("container-registry", Table(
            ("mirrors", Leaf(Rules.Objects(new Dictionary<string, ObjectField>(StringComparer.Ordinal)
            {
                ["registry"] = new(Registry, Required: true),
                ["endpoint"] = new(Rules.Strings(SettingsFormats.IsHttpUrl, "an http(s) URL"), Required: true),
            }))),
            ("credentials", Leaf(Rules.Objects(new Dictionary<string, ObjectField>(StringComparer.Ordinal)
            {
                ["registry"] = new(Registry, Required: true),
                ["username"] = new(Rules.Line(1024)),
                ["password"] = new(Rules.Line(4096)),
                ["auth"] = new(Rules.String(SettingsFormats.IsBase64, "base64")),
                ["identitytoken"] = new(Rules.Line(16384)),
            }))))),
        ("host-containers", Map(SettingsNames.Container, Table(
            ("source", Leaf(Image)),
            ("enabled", Leaf(Rules.Bool)),
            ("superpowered", Leaf(Rules.Bool)),
            ("user-data", Leaf(UserData))))),
        ("bootstrap-containers", Map(SettingsNames.Container, Table(
            ("source", Leaf(Image)),
            ("mode", Leaf(Rules.OneOf("always", "once", "off"))),
            ("essential", Leaf(Rules.Bool)),
            ("user-data", Leaf(UserData))))),
        ("workloads", Map(SettingsNames.Container, Table(
            ("image", Leaf(Image)),
            ("command", Leaf(Rules.Strings(Argument))),
            ("args", Leaf(Rules.Strings(Argument))),
            ("env", Map(SettingsNames.EnvironmentVariable, Leaf(Rules.Line(32768)))),
            ("ports", Leaf(Rules.Objects(new Dictionary<string, ObjectField>(StringComparer.Ordinal)
            {
                ["container-port"] = new(Rules.Integer(1, 65535), Required: true),
                ["host-port"] = new(Rules.Integer(1, 65535)),
                ["protocol"] = new(Rules.OneOf("tcp", "udp")),
            }))),
            ("volumes", Leaf(Rules.Objects(new Dictionary<string, ObjectField>(StringComparer.Ordinal)
            {
                ["name"] = new(Rules.String(s => SettingsNames.Container.IsValid(s), "a volume name (a-z, 0-9 and '-', starting with a letter or digit, 1-63 characters)"), Required: true),
                ["path"] = new(Rules.String(WorkloadFormats.IsContainerPath, "an absolute path in the container other than / (no '..', no control characters)"), Required: true),
                ["read-only"] = new(Rules.Bool),
            }))),
            ("health-check", Table(
                ("type", Leaf(Rules.OneOf("http", "tcp", "exec"))),
                ("command", Leaf(Rules.Strings(Argument))),
                ("path", Leaf(Rules.String(s => s.StartsWith('/') && s.Length <= 2048 && !s.Any(c => char.IsControl(c) || c == ' '), "an absolute URL path (starting with /, no spaces)"))),
                ("port", Leaf(Rules.Integer(1, 65535))),
                ("interval-seconds", Leaf(Rules.Integer(1, 3600))),
                ("timeout-seconds", Leaf(Rules.Integer(1, 60))),
                ("retries", Leaf(Rules.Integer(1, 100))),
                ("start-period-seconds", Leaf(Rules.Integer(0, 3600))))),
            ("replicas", Leaf(Rules.Integer(0, 64))),
            ("restart-policy", Leaf(Rules.OneOf("always", "on-failure", "never"))),
            ("cpus", Leaf(Rules.String(WorkloadFormats.IsCpus, "a number of CPUs from 0.01 to 1024, e.g. \"0.5\" or \"2\""))),
            ("memory", Leaf(Rules.String(WorkloadFormats.IsMemory, "a memory size of at least 4Mi: a number of bytes, or with a Ki, Mi or Gi suffix, e.g. \"256Mi\""))),
            ("user", Leaf(Rules.String(WorkloadFormats.IsUser, "a numeric user id, optionally with a group id (\"1000\" or \"1000:1000\")"))),
            ("read-only-root", Leaf(Rules.Bool)),
            ("user-namespace", Leaf(Rules.Bool))))),
        ("updates", Table(
            ("metadata-base-url", Leaf(HttpUrl)),
            ("targets-base-url", Leaf(HttpUrl)),
            ("seed", Leaf(Rules.Integer(0, 2047))),
            ("version-lock", Leaf(Rules.String(IsVersionLock, "\"latest\" or a version like 1.2.3 (an optional leading v)"))),
            ("ignore-waves", Leaf(Rules.Bool)),
            ("health-timeout-seconds", Leaf(Rules.Integer(30, 3600))))),
        ("pki", Map(SettingsNames.Bundle, Table(
            ("data", Leaf(Rules.String(CertificateData))),
            ("trusted", Leaf(Rules.Bool))))),
        ("oci-defaults", Table(
            ("capabilities", Map(SettingsNames.Capability, Leaf(Rules.Bool))),
            ("resource-limits", Map(SettingsNames.ResourceLimit, Table(
                ("soft-limit", Leaf(Rules.Limit)),
                ("hard-limit", Leaf(Rules.Limit))))))),
        ("api", Table(
            ("remote", Table(
                ("enabled", Leaf(Rules.Bool)),
                ("port", Leaf(Rules.Integer(1, 65535))),
                ("server-certificate", Leaf(Pem("CERTIFICATE"))),
                ("server-key", Leaf(Pem("PRIVATE KEY"))),
                ("client-ca", Leaf(Pem("CERTIFICATE"))))))));

    private const string ParameterRule = "a kernel parameter value (no white space or control characters, at most 1024 characters)";

    // Single lines first, then what the time sync makes of them: an option it does not take is refused, not ignored.
    private static ValueRule NtpOptions => (value, problems) =>
    {
        var before = problems.Count;
        Rules.Strings(Single(256))(value, problems);
        if (problems.Count == before && value is System.Text.Json.Nodes.JsonArray items
            && Ntp.NtpOptions.Parse(items.Select(i => i!.GetValue<string>())).Error is { } error)
        {
            problems.Add(new SettingsProblem(SettingsErrorKind.InvalidValue, error));
        }
    };

    private static ValueRule Proxy => Rules.String(s => SettingsFormats.IsHttpUrl(s) || SettingsFormats.IsHostPort(s),
        "a proxy (an http(s) URL, or host:port)");

    private static ValueRule Registry => Rules.String(s => s.Length is > 0 and <= 255 && !s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)),
        "a registry name (1-255 characters, no white space), e.g. docker.io, registry:5000 or *");

    private static ValueRule Image => Rules.String(SettingsFormats.IsImageReference,
        "an OCI image reference ([registry/]repository[:tag][@digest], repository in lower case)");

    private static ValueRule UserData => Rules.String(SettingsFormats.IsBase64, "base64");

    private static ValueRule HttpUrl => Rules.String(SettingsFormats.IsHttpUrl, "an http or https URL");

    private static ValueRule Pem(string label) =>
        Rules.String(s => SettingsFormats.HasPemBlock(s, label), $"PEM text with a -----BEGIN {label}----- block");

    private static Func<string, string?> Single(int max) => s =>
        SettingsFormats.HasControl(s) ? $"{SettingsJson.Show(s)} is not a single line of text (no newlines or control characters)"
        : s.Length is 0 || s.Length > max ? $"{SettingsJson.Show(s)} is not 1-{max} characters long"
        : null;

    // A program argument: any text (a script for sh -c has newlines) but NUL, which ends a C string.
    private static string? Argument(string s) =>
        s.Contains('\0', StringComparison.Ordinal) ? $"{SettingsJson.Show(s)} contains a NUL character, which no program argument can hold"
        : s.Length > 32768 ? $"is {s.Length} characters long; the limit is 32768"
        : null;

    private static bool IsTimeServer(string s) =>
        SettingsFormats.IsHostname(s) || SettingsFormats.IsIpAddress(s) || SettingsFormats.IsUrl(s, "http", "https", "ntp");

    private static bool IsNoProxy(string s)
    {
        var host = s.StartsWith("*.", StringComparison.Ordinal) ? s[2..] : s.StartsWith('.') ? s[1..] : s;
        return s == "*" || SettingsFormats.IsHostname(host) || SettingsFormats.IsIpAddress(s) || SettingsFormats.IsCidr(s);
    }

    private static bool IsParameterValue(string s) => s.Length <= 1024 && !s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static bool IsVersionLock(string s) => s == "latest" || Updates.HullVersion.TryParse(s, out _);

    // Every block a certificate that parses, as Bottlerocket checks it; blank switches the bundle off. The value
    // itself is not shown: a bundle is kilobytes of base64.
    private static string? CertificateData(string s) =>
        CertificateBundle.FromBase64(s).Error is { } error ? $"is not base64 of PEM certificates: {error}" : null;

    private static SchemaTable Table(params (string Name, SchemaNode Node)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Node, StringComparer.Ordinal));

    private static SchemaMap Map(NameRule names, SchemaNode entry) => new(names, entry);

    private static SchemaLeaf Leaf(ValueRule rule) => new(rule);
}
