namespace Hull.Settings;

/// <summary>A table whose keys are fixed (<c>settings.ntp</c> has <c>time-servers</c> and <c>options</c>).</summary>
internal sealed class SchemaTable(IReadOnlyDictionary<string, SchemaNode> fields) : SchemaNode
{
    /// <summary>The known keys and what each holds.</summary>
    public IReadOnlyDictionary<string, SchemaNode> Fields { get; } = fields;
}
