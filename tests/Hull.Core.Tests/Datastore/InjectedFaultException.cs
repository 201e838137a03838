namespace Hull.Core.Tests.Datastore;

/// <summary>The simulated crash <see cref="FaultInjectingFileSystem"/> throws; nothing in the datastore catches it.</summary>
public sealed class InjectedFaultException(int step) : Exception($"injected fault at file-system step {step}")
{
    public int Step { get; } = step;
}
