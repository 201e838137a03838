using Hull.Ctl;

namespace Hull.EndToEnd;

/// <summary>`hull ctl` as the end-to-end tests drive it: in process, over the host's mutual-TLS client.</summary>
internal static class Ctl
{
    /// <summary>Runs `hull ctl ARGS` and fails the test with ctl's own error text unless it exits 0.</summary>
    public static async Task MustSucceedAsync(HttpClient api, params string[] args)
    {
        var error = new StringWriter();
        (await CtlRunner.RunAsync(api, args, TextWriter.Null, error, TestContext.Current.CancellationToken)).ShouldBe(0, $"hull ctl {string.Join(' ', args)}: {error}");
    }
}
