using System.Diagnostics.CodeAnalysis;

namespace Hull.Tuf;

/// <summary>Either a value or the reason the client refused.</summary>
public readonly record struct TufResult<T>
{
    private readonly T _value;

    private TufResult(T value, TufError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The value; throws when the client refused, so a test that expects success reads naturally.</summary>
    public T Value => Error is null ? _value : throw new InvalidOperationException(Error.Message);

    /// <summary>The refusal, when there is one.</summary>
    public TufError? Error { get; }

    /// <summary>True when <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>A success.</summary>
    public static TufResult<T> Success(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static TufResult<T> Failure(TufError error) => new(default!, error);

    /// <summary>Lets a method return its value where a result is expected.</summary>
    public static implicit operator TufResult<T>(T value) => Success(value);

    /// <summary>Lets a method return a <see cref="TufError"/> where a result is expected.</summary>
    public static implicit operator TufResult<T>(TufError error) => Failure(error);
}
