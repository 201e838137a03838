using System.Diagnostics.CodeAnalysis;

namespace Hull.Datastore;

/// <summary>Either a value or the reason the request was refused.</summary>
internal readonly record struct DatastoreResult<T>
{
    private readonly T _value;

    private DatastoreResult(T value, DatastoreError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The value; throws when the request was refused, so a test that expects success reads naturally.</summary>
    public T Value => Error is null ? _value : throw new InvalidOperationException(Error.Message);

    /// <summary>The refusal, when there is one.</summary>
    public DatastoreError? Error { get; }

    /// <summary>True when <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>A success.</summary>
    public static DatastoreResult<T> Success(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static DatastoreResult<T> Failure(DatastoreError error) => new(default!, error);

    /// <summary>Lets a method return its value where a result is expected.</summary>
    public static implicit operator DatastoreResult<T>(T value) => Success(value);

    /// <summary>Lets a method return a <see cref="DatastoreError"/> where a result is expected.</summary>
    public static implicit operator DatastoreResult<T>(DatastoreError error) => Failure(error);
}
