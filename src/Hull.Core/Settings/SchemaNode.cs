namespace Hull.Settings;

/// <summary>A node of the settings schema: a table of fixed keys, a map of named entries, or a leaf with a rule.</summary>
internal abstract class SchemaNode
{
    private protected SchemaNode()
    {
    }
}
