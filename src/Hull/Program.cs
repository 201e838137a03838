namespace Hull;

/// <summary>Entry point of the multi-call binary: dispatches on argv[0] or the first argument.</summary>
internal static class Program
{
    public static int Main(string[] args) => Dispatcher.Run(args);
}
