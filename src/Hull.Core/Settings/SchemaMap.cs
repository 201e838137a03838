namespace Hull.Settings;

/// <summary>A table of entries named by the user (<c>settings.host-containers.&lt;name&gt;</c>), each of the same shape.</summary>
internal sealed class SchemaMap(NameRule names, SchemaNode entry) : SchemaNode
{
    /// <summary>The rule every entry's name must follow.</summary>
    public NameRule Names { get; } = names;

    /// <summary>The shape of each entry.</summary>
    public SchemaNode Entry { get; } = entry;
}
