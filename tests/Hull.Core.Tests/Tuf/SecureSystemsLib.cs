using System.Text;

namespace Hull.Core.Tests.Tuf;

/// <summary>
/// Debian's python3-securesystemslib (the TUF reference implementation's crypto and encoding library) as an
/// oracle. Runs Debian's own /usr/bin/python3: a python3 earlier on PATH (pyenv) does not see the package.
/// </summary>
internal static class SecureSystemsLib
{
    private const string Python = "/usr/bin/python3";

    // One JSON document per input line; prints the hex of encode_canonical's UTF-8 bytes per line.
    private const string EncodeScript = """
        import sys, json
        from securesystemslib.formats import encode_canonical
        for line in sys.stdin.read().splitlines():
            print(encode_canonical(json.loads(line)).encode("utf-8").hex())
        """;

    private const string VerifyScript = """
        import sys
        from securesystemslib import ecdsa_keys
        pem, sig, data = [bytes.fromhex(x) for x in sys.stdin.read().split()]
        print(ecdsa_keys.verify_signature(pem.decode(), "ecdsa-sha2-nistp256", sig, data))
        """;

    /// <summary>encode_canonical(json.loads(doc)) for each document, in one Python run.</summary>
    public static IReadOnlyList<byte[]> EncodeCanonical(IReadOnlyList<string> documents, TempDirectory temp)
    {
        var input = temp.Write($"canonical-{Guid.NewGuid():N}.jsonl", string.Join('\n', documents) + "\n");
        var result = ExternalTool.RunChecked(Python, ["-c", EncodeScript], stdinPath: input);
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Convert.FromHexString)];
    }

    /// <summary>securesystemslib's ECDSA P-256 verification of a hex (DER) signature.</summary>
    public static bool VerifyEcdsa(string publicPem, string signatureHex, byte[] data, TempDirectory temp)
    {
        var line = $"{Convert.ToHexString(Encoding.UTF8.GetBytes(publicPem))} {signatureHex} {Convert.ToHexString(data)}";
        var input = temp.Write($"verify-{Guid.NewGuid():N}.txt", line);
        return ExternalTool.RunChecked(Python, ["-c", VerifyScript], stdinPath: input).Stdout.Trim() == "True";
    }
}
