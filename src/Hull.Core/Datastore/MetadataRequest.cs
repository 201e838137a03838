namespace Hull.Datastore;

/// <summary>Checks the key, name and value of a metadata request once, for both datastores.</summary>
internal static class MetadataRequest
{
    /// <summary>The canonical key, or why the key or name is refused.</summary>
    public static DatastoreResult<string> ValidateTarget(string key, string metadataName)
    {
        var parsed = DatastoreKey.Parse(key);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }

        var nameError = MetadataName.Validate(metadataName);
        return nameError is null ? parsed.Value.ToString() : nameError;
    }

    /// <summary>The canonical key and value, or why the request is refused.</summary>
    public static DatastoreResult<(string Key, string Value)> Validate(string key, string metadataName, string jsonValue)
    {
        var target = ValidateTarget(key, metadataName);
        if (!target.Succeeded)
        {
            return target.Error;
        }

        var value = DatastoreValue.NormaliseMetadata(target.Value, jsonValue);
        return value.Succeeded ? (target.Value, value.Value) : value.Error;
    }
}
