namespace Hull.Builder.Tests.TestSupport;

/// <summary>A clock that always reads <paramref name="now"/>.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
