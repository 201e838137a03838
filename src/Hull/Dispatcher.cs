namespace Hull;

/// <summary>Picks the component to run from the name the binary was started as, or its first argument.</summary>
internal static class Dispatcher
{
    public static int Run(string[] args)
    {
        Console.WriteLine("hull");
        return 0;
    }
}
