namespace Hull.Settings;

/// <summary>A key that holds a value (a scalar or an array), checked by its rule.</summary>
internal sealed class SchemaLeaf(ValueRule rule) : SchemaNode
{
    /// <summary>The check for the value.</summary>
    public ValueRule Rule { get; } = rule;
}
